package org.entente.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.entente.common.ArticleFacts;
import org.entente.common.Json;
import org.entente.common.articles.ArticleReader;
import org.entente.extract.Extractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code entente extract}: what the extraction reads in each article, with evidence; no Kafka. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Print the countries, pairs, domains and evidence of each article as JSON, one object per line.")
final class ExtractCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Article files, .jsonl feeds or directories.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Extractor extractor = Extractor.standard();
        List<String> rejected = new ArrayList<>();
        new ArticleReader().read(files, article -> {
            ArticleFacts facts = extractor.extract(article);
            ObjectNode line = Json.MAPPER.createObjectNode();
            String origin = article.origin();
            line.put("file", origin != null && origin.matches(".*:\\d+$") && origin.endsWith(".jsonl:" + origin.replaceAll(".*:", ""))
                    ? origin.substring(0, origin.lastIndexOf(':')) : origin);
            line.put("id", facts.id());
            line.put("date", facts.date());
            line.put("title", facts.title());
            line.set("countries", Json.MAPPER.valueToTree(facts.countries()));
            line.set("pairs", Json.MAPPER.valueToTree(facts.pairs()));
            line.set("domains", Json.MAPPER.valueToTree(facts.domains()));
            line.set("evidence", Json.MAPPER.valueToTree(facts.evidence()));
            out.println(line);
        }, r -> {
            rejected.add(r.toString());
            System.err.println("rejected " + r);
        });
        return rejected.isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}

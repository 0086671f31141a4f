package org.entente.bench;

import org.entente.broker.BrokerSettings;
import org.entente.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsProcessIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void stopsWhenTheBenchmarkIsGone() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.plaintext(dir.resolve("kafka"), 0))) {
            Process p = new ProcessBuilder(Bench.childJvm(List.of("-Xmx512m"), StreamsProcess.class,
                    broker.bootstrapServers(), dir.resolve("state").toString(), "1"))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                while (line != null && !line.equals("RUNNING")) {
                    line = out.readLine();
                }
                assertThat(line).isEqualTo("RUNNING");
                // what a benchmark that is interrupted or killed does to the pipe
                p.getOutputStream().close();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the streams process stopped").isTrue();
                assertThat(p.exitValue()).isZero();
            } finally {
                p.destroyForcibly();
            }
        }
    }
}

package org.entente.common;

import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleVersionTest {
    private static final String BODY = "Vietnam and Kazakhstan agree to deepen cooperation in trade, investment, "
            + "transport, oil and gas, mining, defence, education and tourism.";

    @Test
    void versionsAreTheXxh64OfTheTextAsXxhsumPrintsIt() {
        // XXH64 of "2025-05\0Vietnam and ...\0...\0VNA\0" in UTF-16LE, from the reference implementation
        assertThat(new Article("a1", "2025-05", "Vietnam and Kazakhstan agree to deepen cooperation", BODY, "VNA", null)
                .version()).isEqualTo("f0f0b9171dcd692c");
        assertThat(new Article("a1", "2025-05", "Hà Nội", "Nguyễn Phú Trọng", "TTXVN", null).version())
                .isEqualTo("9b26664510287c6c");
        assertThat(new Article("a1", "2025-05", "T", "B", null, null).version()).isEqualTo("a0784fba6185b66f");
    }

    @Test
    void theVersionIsOfTheTextNotOfWhereItWasRead() {
        Article article = new Article("a1", "2025-05", "Title", BODY, "VNA", "seeds/a.txt:1");
        assertThat(new Article("other", "2025-05", "Title", BODY, "VNA", null).version()).isEqualTo(article.version());
    }

    @Test
    void anyChangeToTheTextIsANewVersion() {
        Article article = new Article("a1", "2025-05", "Title", BODY, "VNA", null);
        assertThat(new Article("a1", "2025-06", "Title", BODY, "VNA", null).version()).isNotEqualTo(article.version());
        assertThat(new Article("a1", "2025-05", "Title.", BODY, "VNA", null).version()).isNotEqualTo(article.version());
        assertThat(new Article("a1", "2025-05", "Title", BODY.replace("mining", "Mining"), "VNA", null).version())
                .isNotEqualTo(article.version());
        assertThat(new Article("a1", "2025-05", "Title", BODY, "AFP", null).version()).isNotEqualTo(article.version());
        // a char moved from one part to the next
        assertThat(new Article("a1", "2025-05", "Titl", "e" + BODY, "VNA", null).version()).isNotEqualTo(article.version());
        // chars beyond Latin-1 count whole, not as a '?' or their low byte
        assertThat(new Article("a1", "2025-05", "Hà Nội", "x", "VNA", null).version())
                .isNotEqualTo(new Article("a1", "2025-05", "Hà Nộj", "x", "VNA", null).version());
    }

    @Test
    void partsOfEveryLengthAroundTheCopyChunksGiveTheReferenceDigestOfTheWholeText() {
        var reference = XXHashFactory.safeInstance().hash64();
        Random random = new Random(7);
        for (int round = 0; round < 600; round++) {
            String[] parts = new String[4];
            StringBuilder all = new StringBuilder();
            for (int p = 0; p < parts.length; p++) {
                // short parts, and parts around the 8,192-char chunk the text is copied in
                int length = round < 300 ? random.nextInt(40) : 8_150 + random.nextInt(100);
                char[] chars = new char[length];
                for (int i = 0; i < length; i++) {
                    chars[i] = (char) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(0x10000));
                }
                parts[p] = new String(chars);
                all.append(chars).append('\0');
            }
            byte[] utf16le = new byte[all.length() * 2];
            for (int i = 0; i < all.length(); i++) {
                utf16le[2 * i] = (byte) all.charAt(i);
                utf16le[2 * i + 1] = (byte) (all.charAt(i) >>> 8);
            }
            assertThat(new Article("a", parts[0], parts[1], parts[2], parts[3], null).version())
                    .as("round %d", round)
                    .isEqualTo(HexFormat.of().toHexDigits(reference.hash(utf16le, 0, utf16le.length, 0)));
        }
    }
}

package org.entente.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JvmOptionsTest {
    @Test
    void childrenTakeTransparentHugePagesWhenThisJvmRunsOnThem() {
        assertThat(JvmOptions.inherited(name -> name.equals("UseTransparentHugePages") ? "true" : "false"))
                .containsExactly("-XX:+UseTransparentHugePages");
        assertThat(JvmOptions.inherited(name -> "false")).isEmpty();
    }

    @Test
    void aJvmWithoutTheOptionPassesNothingOn() {
        // HotSpot outside Linux has no such option and says so with an IllegalArgumentException
        assertThat(JvmOptions.inherited(name -> {
            throw new IllegalArgumentException("VM option \"" + name + "\" does not exist");
        })).isEmpty();
        assertThat(JvmOptions.inherited(name -> null)).isEmpty();
    }

    @Test
    void aChildsOwnOptionsComeLastSoTheyWin() {
        List<String> options = Bench.childOptions(List.of("-Xmx512m", "-XX:-UseTransparentHugePages"));
        assertThat(options.subList(options.size() - 2, options.size()))
                .containsExactly("-Xmx512m", "-XX:-UseTransparentHugePages");
        assertThat(options.subList(0, options.size() - 2)).isEqualTo(JvmOptions.inherited());
    }
}

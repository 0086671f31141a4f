package org.entente.bench;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The options of this JVM, those the bench's child JVMs (the streams app, the extraction) take from
 * it, so that every process of a run has its heap on the same size of pages, and what a run should
 * be told of its memory settings.
 */
final class JvmOptions {
    static final String TRANSPARENT_HUGE_PAGES = "-XX:+UseTransparentHugePages";

    private JvmOptions() {
    }

    /** This JVM's options as it was started ({@code -Xms8g}, {@code -XX:...}). */
    static List<String> own() {
        return List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** What a child takes from this JVM: its heap on transparent huge pages, if this one's is. */
    static List<String> inherited() {
        return inherited(JvmOptions::hotSpotOption);
    }

    /**
     * What a run should know of this JVM's memory settings before its figures are read: a heap
     * not touched at start, or on small pages where the kernel offers huge ones, costs the
     * end-to-end phase CPU that a process running for long does not spend.
     */
    static List<String> notices() {
        String thpMode;
        try {
            thpMode = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
        } catch (IOException | RuntimeException e) {
            thpMode = "";
        }
        return notices(JvmOptions::hotSpotOption, thpMode);
    }

    /**
     * @param thpMode what Linux's {@code /sys/kernel/mm/transparent_hugepage/enabled} holds
     *                ({@code "always [madvise] never"}), empty where there is no such file
     */
    static List<String> notices(Function<String, String> vmOption, String thpMode) {
        List<String> notices = new ArrayList<>();
        if ("false".equals(option(vmOption, "AlwaysPreTouch"))) {
            notices.add("the heap is not touched at start (-XX:+AlwaysPreTouch): the kernel zeroes its pages as the"
                    + " run first writes them, and that CPU counts in the end-to-end phase");
        }
        boolean offered = thpMode.contains("[always]") || thpMode.contains("[madvise]");
        if (offered && "false".equals(option(vmOption, "UseTransparentHugePages"))) {
            notices.add("the heap is on 4 KB pages where the kernel offers huge pages (-XX:+UseTransparentHugePages,"
                    + " which the entente command adds)");
        }
        return notices;
    }

    /**
     * @param vmOption the value of a HotSpot option by name; null, or an IllegalArgumentException,
     *                 for an option this JVM does not have (transparent huge pages exist on Linux only)
     */
    static List<String> inherited(Function<String, String> vmOption) {
        // the JVM turns the option off again when the kernel does not offer the pages
        return "true".equals(option(vmOption, "UseTransparentHugePages")) ? List.of(TRANSPARENT_HUGE_PAGES) : List.of();
    }

    /** An option's value, null for an option this JVM does not have. */
    private static String option(Function<String, String> vmOption, String name) {
        try {
            return vmOption.apply(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hotSpotOption(String name) {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return hotSpot == null ? null : hotSpot.getVMOption(name).getValue();
    }
}

package org.entente.bench;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Function;

/**
 * The options of this JVM, and those the bench's child JVMs (the streams app, the extraction) take
 * from it, so that every process of a run has its heap on the same size of pages.
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
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return inherited(name -> hotSpot == null ? null : hotSpot.getVMOption(name).getValue());
    }

    /**
     * @param vmOption the value of a HotSpot option by name; null, or an IllegalArgumentException,
     *                 for an option this JVM does not have (transparent huge pages exist on Linux only)
     */
    static List<String> inherited(Function<String, String> vmOption) {
        String thp;
        try {
            thp = vmOption.apply("UseTransparentHugePages");
        } catch (IllegalArgumentException e) {
            thp = null;
        }
        // the JVM turns the option off again when the kernel does not offer the pages
        return "true".equals(thp) ? List.of(TRANSPARENT_HUGE_PAGES) : List.of();
    }
}

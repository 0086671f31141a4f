package org.entente.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap this JVM has had in use at one moment since {@link #start}: heap use climbs until a
 * collection, so its highs are what the collector reports just before each one, or what is in use
 * now. Adding up each pool's own peak, as the bench did before, overstated it, since the pools
 * peak at different moments (eden just before a collection, the old generation after it): 536 MB
 * under {@code -Xmx512m} in one run.
 */
final class HeapPeak {
    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong peak = new AtomicLong();

    private HeapPeak() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
    }

    /** Starts listening to every collector of this JVM. */
    static HeapPeak start() {
        HeapPeak heapPeak = new HeapPeak();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> heapPeak.collected(notification), null, null);
            }
        }
        heapPeak.peak.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        return heapPeak;
    }

    private void collected(Notification notification) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        Map<String, MemoryUsage> before = GarbageCollectionNotificationInfo
                .from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageBeforeGc();
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : before.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        peak.accumulateAndGet(used, Math::max);
        synchronized (peak) {
            peak.notifyAll();
        }
    }

    /**
     * Waits, at most {@code timeout}, until the peak reaches {@code bytes}: the collector reports a
     * collection on a thread of its own, shortly after it. Whether it did.
     */
    boolean awaitAtLeast(long bytes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (peak) {
            while (bytes() < bytes) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(peak, left);
            }
        }
        return true;
    }

    /** The peak so far, in bytes. */
    long bytes() {
        return Math.max(peak.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
}

package org.entente.common;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates Entente's topics when they are missing. Topics that exist are left as they are: an
 * operator may have created them with other settings on purpose.
 */
public final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    /** Articles may be large; the dead-letter topic must hold whatever the input topic accepted. */
    static final String MAX_MESSAGE_BYTES = Integer.toString(16 * 1024 * 1024);

    private TopicSetup() {
    }

    public static void ensure(Admin admin, int partitions, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : Topics.ALL) {
                if (!existing.contains(name)) {
                    // a replication factor of 0 or less means the cluster's default.replication.factor
                    NewTopic topic = replicationFactor > 0 ? new NewTopic(name, partitions, replicationFactor)
                            : new NewTopic(name, Optional.of(partitions), Optional.empty());
                    missing.add(topic.configs(configFor(name, replicationFactor)));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(60, TimeUnit.SECONDS);
                    LOG.info("created topic {} ({} partitions, replication {})", entry.getKey(), partitions, replicationFactor);
                } catch (ExecutionException e) {
                    // another instance created it at the same moment: that is what we wanted
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create Entente's topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create Entente's topics: the cluster did not answer within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    static Map<String, String> configFor(String topic, short replicationFactor) {
        Map<String, String> config = new HashMap<>();
        if (Topics.COMPACTED.contains(topic)) {
            // tables: the latest value per key is the state; tombstones delete keys
            config.put("cleanup.policy", "compact");
        }
        if (topic.equals(Topics.ARTICLES) || topic.equals(Topics.ARTICLES_DLQ)) {
            config.put("max.message.bytes", MAX_MESSAGE_BYTES);
        }
        if (replicationFactor > 0) {
            // with three replicas, an acknowledged write survives the loss of one broker
            config.put("min.insync.replicas", Integer.toString(Math.min(2, replicationFactor)));
        }
        return config;
    }
}

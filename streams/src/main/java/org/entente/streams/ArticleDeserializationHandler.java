package org.entente.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.entente.common.Topics;

/**
 * An input record that is not an article (not JSON, invalid UTF-8...) goes to the dead-letter
 * topic, with Kafka's headers naming the reason and the origin (topic, partition, offset), and
 * processing goes on. A record the topology wrote itself that cannot be read is a bug: stop.
 */
public final class ArticleDeserializationHandler extends LogAndContinueExceptionHandler {
    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (Topics.ARTICLES.equals(record.topic())) {
            return super.handleError(context, record, exception);
        }
        return Response.fail();
    }
}

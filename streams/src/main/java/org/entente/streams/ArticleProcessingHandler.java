package org.entente.streams;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An article the extraction step refuses (no body, a date that is no month, too long) goes to the
 * dead-letter topic and processing goes on. An error anywhere else would silently skip a count
 * change, so it stops the app instead.
 */
public final class ArticleProcessingHandler extends LogAndContinueProcessingExceptionHandler {
    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (EntenteTopology.EXTRACT_PROCESSOR.equals(context.processorNodeId())
                && exception instanceof InvalidArticleException) {
            return super.handleError(context, record, exception);
        }
        return Response.fail();
    }
}

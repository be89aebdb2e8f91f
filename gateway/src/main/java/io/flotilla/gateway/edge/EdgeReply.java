package io.flotilla.gateway.edge;

import io.flotilla.gateway.api.EdgeError;
import io.flotilla.gateway.api.RoundResult;
import io.flotilla.gateway.api.TaskOffer;
import io.flotilla.gateway.api.UploadView;
import java.util.concurrent.CompletionStage;

/** What an {@link EdgeClient} answers the HTTP layer: one case per kind of success, and the refusal. */
public sealed interface EdgeReply {

    /** Come back after this many milliseconds. */
    record Retry(long afterMillis) implements EdgeReply {
    }

    /** The client's task. */
    record Task(TaskOffer offer) implements EdgeReply {
    }

    /** An upload's state; {@code created} when this request made it. */
    record Upload(UploadView view, boolean created) implements EdgeReply {
    }

    /** A round's result. */
    record Result(RoundResult result) implements EdgeReply {
    }

    /** A blob of the client's task: its bytes once the gateway has them. */
    record Blob(String sha256, long size, CompletionStage<byte[]> bytes) implements EdgeReply {
    }

    /** The request is refused. */
    record Refused(EdgeError error, String message, long offset) implements EdgeReply {
        public Refused(EdgeError error, String message) {
            this(error, message, -1);
        }
    }
}

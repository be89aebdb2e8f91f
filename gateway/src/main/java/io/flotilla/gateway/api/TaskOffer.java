package io.flotilla.gateway.api;

/**
 * A training task as the edge hands it to its client: what a training instruction holds, minus the coordinator's
 * actor address, plus the upload bound and URL.
 *
 * @param terms the instruction's signed round terms, unchanged ({@code SignedRoundTerms} bytes); the edge client
 *     verifies them and refuses the task without them, so the gateway can neither forge nor alter a task
 * @param mask the pruning mask, or null for a dense model
 * @param roundKey the round's 32-byte X25519 key in envelope mode, else null
 * @param config local hyperparameters
 *
 * <p>The arrays are not copied: an offer lives only between the client's actor, which never changes them, and
 * the JSON writer.
 */
public record TaskOffer(int round, long modelVersion, String model, int parameterCount, byte[] terms,
                        BlobLink parameters, BlobLink mask, TrainSettings config, long seed,
                        long deadlineEpochMillis, String security, byte[] roundKey, long maxUploadBytes) {

    public String uploadUrl() {
        return "/v1/rounds/" + round + "/uploads";
    }
}

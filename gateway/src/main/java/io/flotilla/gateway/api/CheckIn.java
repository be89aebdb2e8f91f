package io.flotilla.gateway.api;

/**
 * {@code POST /v1/check-in}: who the client is comes from its certificate, not from here.
 *
 * @param sdk the SDK's name and version, 1-64 printable ASCII characters
 * @param model the model the client trains
 * @param examples local training examples, >= 0
 * @param testExamples local test examples, or -1 when the client did not say
 * @param security the security mode the client implements ({@code none}, {@code envelope}, {@code secagg})
 * @param conditions the device's state
 */
public record CheckIn(String sdk, String model, int examples, int testExamples, String security,
                      Conditions conditions) {
    public CheckIn {
        if (sdk == null || model == null || security == null || conditions == null) {
            throw new IllegalArgumentException("sdk, model, security and conditions are required");
        }
        if (examples < 0 || testExamples < -1) {
            throw new IllegalArgumentException("examples must be >= 0 and testExamples >= -1");
        }
    }
}

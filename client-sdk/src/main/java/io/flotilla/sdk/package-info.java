/**
 * The client SDK: a federated-training client with no Akka, no Kryo and no Scala inside, written against Java 11
 * library APIs (the JDK's {@link java.net.http.HttpClient}, JSSE), so that embedding it in an app, or porting it to
 * Android, is a packaging task. It only ever connects outbound, over HTTPS with TLS 1.3 and its client
 * certificate, to the federation's gateways; it trains with the engine of {@code io.flotilla.nn} exactly as the
 * member client agent does and seals its update with the same envelope code. {@link io.flotilla.sdk.FlotillaClient}
 * is the embedding API; {@link io.flotilla.sdk.SdkMain} the command line ({@code flotilla client}).
 */
package io.flotilla.sdk;

package io.flotilla.gateway.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An {@link SSLEngine} that always reports the end of its handshake as {@code FINISHED}, and only then lets
 * application data through.
 *
 * <p>Why: in TLS 1.3 with client authentication the JDK's server engine can complete the handshake inside a
 * delegated task (the client certificate's check), after which it reports {@code NOT_HANDSHAKING} and never
 * {@code FINISHED} (JDK-8240871). Akka 2.6's TLS stage waits for {@code FINISHED} to adopt the authenticated
 * session and to uncork the response direction, so the client's first request, which typically arrives in the same
 * segment as its Finished message, is read under the unauthenticated session and its response is never sent: the
 * connection hangs until the idle timeout (akka/akka#31419). The engine may also ask for a wrap after the
 * certificate check while the request's bytes wait, and decrypt them if unwrapped first. This engine holds back
 * unwrapping while a wrap is due or the finish is unreported, and answers the wrap after the end of the handshake
 * with {@code FINISHED}; the stage then adopts the session and reads the request under it. EdgeTlsTest opens fresh
 * connections until it meets the case.
 */
final class HandshakeReportingEngine extends SSLEngine {
    private static final SSLEngineResult.Status OK = SSLEngineResult.Status.OK;

    private final SSLEngine engine;
    private boolean begun;
    private boolean finishReported;

    HandshakeReportingEngine(SSLEngine engine) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
    }

    /** The handshake ended without {@code FINISHED} having been reported to the caller yet. */
    private boolean finishPending() {
        return begun && !finishReported && engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                && !engine.isInboundDone() && !engine.isOutboundDone();
    }

    private SSLEngineResult reported(SSLEngineResult r) {
        if (!begun || finishReported) {
            return r;
        }
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            finishReported = true;
        } else if (r.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && r.getStatus() == OK) {
            finishReported = true;
            return new SSLEngineResult(r.getStatus(), HandshakeStatus.FINISHED, r.bytesConsumed(),
                    r.bytesProduced());
        }
        return r;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        if (finishPending()) {
            finishReported = true;
            return new SSLEngineResult(OK, HandshakeStatus.FINISHED, 0, 0);
        }
        return reported(engine.wrap(srcs, offset, length, dst));
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (finishPending()
                || (begun && !finishReported && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP)) {
            // Nothing is read until the caller has wrapped what the handshake needs, seen FINISHED and taken the
            // authenticated session: otherwise the client's first request, decrypted in the same pass, would be
            // handed on under the unauthenticated session.
            return new SSLEngineResult(OK, HandshakeStatus.NEED_WRAP, 0, 0);
        }
        return reported(engine.unwrap(src, dsts, offset, length));
    }

    @Override
    public HandshakeStatus getHandshakeStatus() {
        return finishPending() ? HandshakeStatus.NEED_WRAP : engine.getHandshakeStatus();
    }

    @Override
    public void beginHandshake() throws SSLException {
        engine.beginHandshake();
        begun = true;
    }

    // ---- plain delegation ----

    @Override
    public Runnable getDelegatedTask() {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        engine.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        engine.setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return engine.getHandshakeApplicationProtocolSelector();
    }
}

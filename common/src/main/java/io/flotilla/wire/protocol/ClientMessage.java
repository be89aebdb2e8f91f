package io.flotilla.wire.protocol;

/** Messages a client agent receives from the coordinator. */
public sealed interface ClientMessage extends ProtocolMessage
        permits TrainInstruction, EvaluateRequest, UpdateAccepted, UpdateRejected, SecAggSetup, SecAggPeerKeys,
        SecAggRelayedShares, SecAggUnmaskRequest, FederationEnded {
}

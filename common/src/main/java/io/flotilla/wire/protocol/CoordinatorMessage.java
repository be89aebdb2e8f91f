package io.flotilla.wire.protocol;

/** Messages the coordinator receives from client agents. */
public sealed interface CoordinatorMessage extends ProtocolMessage
        permits AnnounceClient, SubmitUpdate, RefuseInstruction, EvaluationReported, SecAggReport {
}

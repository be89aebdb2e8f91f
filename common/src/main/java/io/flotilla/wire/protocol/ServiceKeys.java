package io.flotilla.wire.protocol;

import akka.actor.typed.receptionist.ServiceKey;

/** The Receptionist keys by which client agents and the coordinator find each other in the cluster. */
public final class ServiceKeys {
    /** Every client agent registers its protocol inbox under this key. */
    public static final ServiceKey<ClientMessage> CLIENTS = ServiceKey.create(ClientMessage.class, "flotilla-clients");
    /** The coordinator singleton registers under this key; agents announce themselves to what it lists. */
    public static final ServiceKey<CoordinatorMessage> COORDINATOR =
            ServiceKey.create(CoordinatorMessage.class, "flotilla-coordinator");

    private ServiceKeys() {
    }
}

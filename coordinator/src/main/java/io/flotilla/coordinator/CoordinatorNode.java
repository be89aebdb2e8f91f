package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.ClusterSingletonSettings;
import akka.cluster.typed.SingletonActor;
import io.flotilla.wire.transfer.BlobExchange;
import io.flotilla.wire.transfer.ClusterBlobExchange;
import java.util.function.Function;

/**
 * The guardian of a coordinator node: starts the node's blob exchange and initialises the {@link Coordinator}
 * as a cluster singleton on role {@code coordinator}, so exactly one runs in the cluster and another
 * coordinator node takes over (resuming from the shared checkpoint directory) when the oldest one leaves.
 */
public final class CoordinatorNode {
    /** Name of the singleton actor. */
    public static final String SINGLETON_NAME = "flotilla-coordinator";

    private CoordinatorNode() {
    }

    /**
     * A guardian that runs the singleton with {@code config} and the resources {@code resources} builds from
     * this node's blob exchange.
     */
    public static Behavior<Void> create(CoordinatorConfig config,
                                        Function<BlobExchange, CoordinatorResources> resources) {
        return Behaviors.setup(ctx -> {
            ClusterBlobExchange blobs = ClusterBlobExchange.start(ctx.getSystem());
            CoordinatorResources res = resources.apply(blobs);
            ActorRef<Coordinator.Command> proxy = ClusterSingleton.get(ctx.getSystem()).init(
                    SingletonActor.of(Coordinator.create(config, res), SINGLETON_NAME)
                            .withSettings(ClusterSingletonSettings.create(ctx.getSystem()).withRole("coordinator")));
            ctx.getLog().info("coordinator singleton initialised on this node (proxy {})", proxy.path());
            return Behaviors.empty();
        });
    }
}

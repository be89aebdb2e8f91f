package io.flotilla.crypto.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterAdmissionTest {
    @TempDir
    Path tmp;

    @Test
    void memberRolesOfTheFederationAreAdmittedAndClientsAndOtherFederationsAreNot() throws Exception {
        KeyDirectory dir = new KeyDirectory(tmp.resolve("fed"));
        FederationCa ca = FederationCa.init(dir, "fed", new SecureRandom());
        for (NodeRole r : NodeRole.values()) {
            ca.issue(r, "n-" + r.label());
        }
        KeyDirectory other = new KeyDirectory(tmp.resolve("other"));
        FederationCa.init(other, "elsewhere", new SecureRandom()).issue(NodeRole.COORDINATOR, "c");
        ClusterAdmission admission = new ClusterAdmission("fed");
        for (NodeRole r : NodeRole.values()) {
            String why = admission.refusal(NodeCertificates.own(dir, "n-" + r.label()));
            if (r == NodeRole.CLIENT) {
                assertEquals("a client certificate may not join the cluster (clients connect to gateways)", why);
            } else {
                assertNull(why, r.label());
            }
        }
        String foreign = admission.refusal(NodeCertificates.own(other, "c"));
        assertTrue(foreign.startsWith("certificate of federation 'elsewhere'"), foreign);
        assertEquals("fed", CertificateSubject.of(NodeCertificates.ca(dir)).federation());
    }

    @Test
    void eachMemberRoleAllowsExactlyItsClusterRole() {
        assertTrue(NodeRole.COORDINATOR.allowsClusterRole("coordinator"));
        assertTrue(NodeRole.HOST.allowsClusterRole("client"));
        assertTrue(!NodeRole.HOST.allowsClusterRole("coordinator"));
        assertTrue(!NodeRole.GATEWAY.allowsClusterRole("coordinator"));
        assertTrue(!NodeRole.CLIENT.allowsClusterRole("client"));
        assertEquals(NodeRole.GATEWAY, NodeRole.fromLabel("gateway"));
    }
}

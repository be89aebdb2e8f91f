/**
 * The gateway's HTTPS edge on Akka HTTP: TLS 1.3 with required client certificates of the federation CA, the
 * client's identity and role from its verified certificate, revocation and enrolment checks, per-client rate
 * limits and body caps, and the v1 endpoints of docs/edge.md mapped onto the clients' actors.
 */
package io.flotilla.gateway.http;

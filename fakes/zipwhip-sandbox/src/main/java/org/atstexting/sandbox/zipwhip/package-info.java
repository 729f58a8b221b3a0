/**
 * A loopback fake of Zipwhip's HTTP API, for demos, integration tests and benchmarks.
 * Zipwhip itself stopped working on 1 December 2022, so this sandbox is the only Zipwhip
 * anyone can test against; it follows the project's notes on the API (zipwhip-api.md).
 * In OSGi the {@link org.atstexting.sandbox.zipwhip.ZipwhipSandbox} service is served on
 * the Http Whiteboard under {@code /zipwhip-sandbox/}; outside OSGi use
 * {@link org.atstexting.sandbox.zipwhip.StandaloneSandboxServer}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.atstexting.sandbox.zipwhip;

/**
 * What every loopback fake of a provider's API shares: {@link org.atstexting.fake.support.LoopbackServer}
 * (standalone, tests and benchmarks), {@link org.atstexting.fake.support.FakeServlet} (Http Whiteboard),
 * {@link org.atstexting.fake.support.DemoConfiguration} (points a provider at its fake in the demo).
 * <p>
 * One naming scheme for the fakes: the fake's facade is {@code <Name>Fake} (the Zipwhip sandbox keeps its
 * documented {@code ZipwhipSandbox}), its standalone server {@code Standalone<Name>Fake}, and inside
 * {@code internal}: {@code <Name>FakeComponent} (the OSGi service and its configuration
 * {@code org.atstexting.<key>.fake}, the sandbox keeping {@code org.atstexting.zipwhip.sandbox}),
 * {@code <Name>FakeServlet} (extends {@code FakeServlet}, pattern {@code /<key>-fake/*}) and
 * {@code DemoProviderConfigurer} (calls {@code DemoConfiguration}). Fakes embed this package
 * ({@code -conditionalpackage}); it is never a bundle of its own at runtime.
 */
package org.atstexting.fake.support;

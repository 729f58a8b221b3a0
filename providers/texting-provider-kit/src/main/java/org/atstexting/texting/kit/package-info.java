/**
 * The provider conformance kit: {@link org.atstexting.texting.kit.ProviderConformanceKit}, JUnit 4
 * tests of the provider SPI's contract that a provider runs against its own fake through a
 * {@link org.atstexting.texting.kit.ConformanceTarget}; see docs/writing-a-provider.md.
 */
package org.atstexting.texting.kit;

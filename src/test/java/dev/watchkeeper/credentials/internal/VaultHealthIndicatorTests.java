package dev.watchkeeper.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.credentials.VaultProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class VaultHealthIndicatorTests {

	@Test
	void vaultNotConfiguredIsAFeatureOffNotAnOutage() {
		VaultProperties off = new VaultProperties("", null, null, null, "approle", null, "kubernetes", Path.of("/t"),
				null, null, Duration.ofSeconds(5), Duration.ofSeconds(10), "database", Duration.ofSeconds(30), 5, 50);

		Health health = new VaultHealthIndicator(off, null, null).health();

		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("vault", "not configured (set VAULT_ADDR to enable)");
	}

}

package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.audit.AuditProperties;
import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.core.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HmacKeySourceTests {

	@TempDir
	Path temp;

	@Test
	void generatesAnOwnerOnlyKeyFileWhenNoKeyIsConfiguredAndReusesIt() throws Exception {
		Path file = temp.resolve("data/audit-hmac.key");

		AuditKey generated = HmacKeySource.load(properties(null, file, true)).orElseThrow();
		AuditKey reloaded = HmacKeySource.load(properties(null, file, true)).orElseThrow();

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Files.readString(file).strip()).hasSize(64).matches("[0-9a-f]+");
		assertThat(reloaded.id()).isEqualTo(generated.id());
	}

	@Test
	void configuredKeyWinsOverTheFile() {
		Path file = temp.resolve("audit-hmac.key");

		AuditKey key = HmacKeySource.load(properties(AuditFixtures.KEY, file, true)).orElseThrow();

		assertThat(key.id()).isEqualTo(AuditKey.of(AuditFixtures.KEY).id());
		assertThat(file).doesNotExist();
	}

	@Test
	void commandLineNeverGeneratesAKey() {
		Path file = temp.resolve("audit-hmac.key");

		assertThat(HmacKeySource.load(properties(null, file, false))).isEmpty();
		assertThat(file).doesNotExist();
	}

	@Test
	void shortKeysAreRefusedWithOneClearLine() throws Exception {
		assertThatThrownBy(() -> properties("too-short", temp.resolve("k"), true))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessage("WATCHKEEPER_AUDIT_HMAC_KEY must be at least 32 characters (e.g. openssl rand -hex 32)");
		Path file = Files.writeString(temp.resolve("short.key"), "abc\n");
		assertThatThrownBy(() -> HmacKeySource.load(properties(null, file, true)))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("fewer than 32 characters");
	}

	@Test
	void shortReviewerTokenIsRefused() {
		assertThatThrownBy(
				() -> new AuditProperties(null, temp, true, Secret.of("short"), List.of(), null, Duration.ofHours(1)))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("WATCHKEEPER_AUDIT_REVIEWER_TOKEN must be at least 32 characters");
	}

	@Test
	void reviewersMatchIdsExactlyAndEmailsInAnyCase() {
		AuditProperties properties = new AuditProperties(null, temp, true, null,
				List.of(" U024BE7LH ", "Lead@Example.com"), " ", Duration.ofHours(1));

		assertThat(properties.isReviewer("U024BE7LH")).isTrue();
		assertThat(properties.isReviewer("u024be7lh")).isFalse();
		assertThat(properties.isReviewer("lead@example.COM")).isTrue();
		assertThat(properties.isReviewer("")).isFalse();
		assertThat(properties.witnessEnabled()).isFalse();
	}

	private static AuditProperties properties(@Nullable String key, Path file, boolean generate) {
		return new AuditProperties(Secret.ofNullable(key), file, generate, null, List.of(), null, Duration.ofHours(1));
	}

}

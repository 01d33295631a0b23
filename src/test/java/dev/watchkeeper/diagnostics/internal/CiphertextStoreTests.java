package dev.watchkeeper.diagnostics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.diagnostics.ShareId;
import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Both stores keep the same contract: append at the stored end, read from any offset,
 * stop at the limit.
 */
class CiphertextStoreTests {

	static Stream<Arguments> stores() throws IOException {
		return Stream.of(
				Arguments.of("filesystem", new FilesystemCiphertextStore(Files.createTempDirectory("wk-store-"))),
				Arguments.of("database on H2",
						new DatabaseCiphertextStore(JdbcClient.create(migrated(new DriverManagerDataSource(
								"jdbc:h2:mem:store" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""))))),
				Arguments.of("database on PostgreSQL", new DatabaseCiphertextStore(JdbcClient.create(migrated(
						new DriverManagerDataSource(EmbeddedPostgresSupport.newDatabase(), "postgres", "postgres"))))));
	}

	private static DataSource migrated(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return dataSource;
	}

	private final byte[] bytes = random(3 * (1 << 20) + 12345);

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void readsFromAnyOffset(String name, CiphertextStore store) throws IOException {
		ShareId id = ShareId.random();

		assertThat(store.write(id, 0, new ByteArrayInputStream(bytes), Long.MAX_VALUE)).isEqualTo(bytes.length);

		for (int offset : new int[] { 0, 1, 1 << 20, (1 << 20) + 5, bytes.length - 1, bytes.length }) {
			try (InputStream in = store.read(id, offset)) {
				assertThat(in.readAllBytes()).as("from %d", offset)
					.isEqualTo(Arrays.copyOfRange(bytes, offset, bytes.length));
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void appendsPartsAndReplacesWhateverFollowsTheOffset(String name, CiphertextStore store) throws IOException {
		ShareId id = ShareId.random();
		int split = (1 << 20) + 77;
		store.write(id, 0, new ByteArrayInputStream(bytes, 0, split), Long.MAX_VALUE);
		store.write(id, split, new ByteArrayInputStream(random(5000)), Long.MAX_VALUE);

		long total = store.write(id, split, new ByteArrayInputStream(bytes, split, bytes.length - split),
				Long.MAX_VALUE);

		assertThat(total).isEqualTo(bytes.length);
		try (InputStream in = store.read(id, 0)) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void refusesAGapAndStopsAtTheLimitKeepingNothingOfThatCall(String name, CiphertextStore store) throws IOException {
		ShareId id = ShareId.random();
		store.write(id, 0, new ByteArrayInputStream(bytes, 0, 1000), Long.MAX_VALUE);

		assertThatThrownBy(() -> store.write(id, 5000, new ByteArrayInputStream(bytes), Long.MAX_VALUE))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("cannot write at 5000");
		assertThatThrownBy(() -> store.write(id, 1000, new ByteArrayInputStream(bytes), 2 * (1 << 20)))
			.isInstanceOf(ShareTooLarge.class);

		try (InputStream in = store.read(id, 0)) {
			assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOf(bytes, 1000));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void deletedCiphertextIsGone(String name, CiphertextStore store) throws IOException {
		ShareId id = ShareId.random();
		store.write(id, 0, new ByteArrayInputStream(bytes, 0, 100), Long.MAX_VALUE);

		store.delete(id);
		store.delete(id);

		assertThat(store.contains(id)).isFalse();
		assertThatThrownBy(() -> store.read(id, 0)).isInstanceOf(NoSuchFileException.class);
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

}

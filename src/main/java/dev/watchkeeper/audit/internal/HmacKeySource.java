package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditProperties;
import dev.watchkeeper.core.InvalidConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the audit key: {@code watchkeeper.audit.hmac-key} when set, else the key file.
 * When neither exists the server generates a random key into the file (mode 0600) and
 * warns, so the embedded default starts with nothing configured while production is told
 * to set the key (replicas need the same key, and a key next to the database protects
 * little). The CLI never generates: it must verify with the server's key or say that the
 * key is missing.
 */
final class HmacKeySource {

	private static final Logger log = LoggerFactory.getLogger(HmacKeySource.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private HmacKeySource() {
	}

	static Optional<AuditKey> load(AuditProperties properties) {
		if (properties.hmacKey() != null) {
			return Optional.of(AuditKey.of(properties.hmacKey().reveal()));
		}
		Path file = properties.keyFile();
		if (Files.exists(file)) {
			return Optional.of(read(file));
		}
		if (!properties.generateMissingKey()) {
			return Optional.empty();
		}
		try {
			generate(file);
			log.warn("WATCHKEEPER_AUDIT_HMAC_KEY is not set: generated a random audit key in {} (mode 0600). "
					+ "Production must set WATCHKEEPER_AUDIT_HMAC_KEY (same value on every replica, kept away from "
					+ "the database) so that database access alone cannot reseal a rewritten audit chain.",
					file.toAbsolutePath());
		}
		catch (FileAlreadyExistsException raced) {
			// another replica on the same disk generated it first: use theirs
		}
		catch (IOException ex) {
			throw new InvalidConfiguration("WATCHKEEPER_AUDIT_HMAC_KEY is not set and the audit key file " + file
					+ " cannot be created (" + ex.getMessage() + "): set the variable or make the directory writable");
		}
		return Optional.of(read(file));
	}

	private static void generate(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		byte[] content = (HexFormat.of().formatHex(random) + "\n").getBytes(StandardCharsets.US_ASCII);
		boolean posix = Files.getFileStore(parent == null ? Path.of(".") : parent)
			.supportsFileAttributeView(PosixFileAttributeView.class);
		if (posix) {
			// created with owner-only permissions, never readable by others even for an
			// instant
			Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		}
		else {
			Files.createFile(file);
		}
		Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
	}

	private static AuditKey read(Path file) {
		try {
			String key = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (key.length() < 32) {
				throw new InvalidConfiguration("the audit key file " + file + " holds fewer than 32 characters");
			}
			warnIfReadableByOthers(file);
			return AuditKey.of(key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the audit key file " + file, ex);
		}
	}

	private static void warnIfReadableByOthers(Path file) throws IOException {
		if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
			if (!OWNER_ONLY.containsAll(permissions)) {
				log.warn("the audit key file {} is readable by others ({}): chmod 600 it", file,
						PosixFilePermissions.toString(permissions));
			}
		}
	}

}

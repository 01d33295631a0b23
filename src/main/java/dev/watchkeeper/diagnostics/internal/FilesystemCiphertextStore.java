package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.ShareId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One file per share ({@code <id>.wkd}) in the storage directory, written through a 64
 * KiB buffer. For several replicas the directory must be a shared volume (ReadWriteMany);
 * otherwise use the database store.
 */
class FilesystemCiphertextStore implements CiphertextStore {

	private static final int BUFFER = 64 * 1024;

	private final Path directory;

	FilesystemCiphertextStore(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.directory);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				// ciphertext is useless without the link, but other local users have no
				// business listing shares
				Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwx------"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create diagnostics storage directory " + this.directory, ex);
		}
	}

	Path directory() {
		return directory;
	}

	private Path file(ShareId id) {
		// ShareId admits only [A-Za-z0-9_-]{22}: no separators, no dots
		return directory.resolve(id.value() + ".wkd");
	}

	@Override
	public long write(ShareId id, long offset, InputStream in, long maxTotal) throws IOException {
		Path file = file(id);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			if (channel.size() < offset) {
				throw new IOException("cannot write at " + offset + ": only " + channel.size() + " bytes stored");
			}
			channel.truncate(offset);
			channel.position(offset);
			ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
			long total = offset;
			int n;
			while ((n = in.read(buffer.array(), 0, BUFFER)) >= 0) {
				total += n;
				if (total > maxTotal) {
					channel.truncate(offset);
					throw new ShareTooLarge("more than " + maxTotal + " bytes");
				}
				buffer.position(0).limit(n);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				buffer.clear();
			}
			channel.force(false);
			return total;
		}
	}

	@Override
	public InputStream read(ShareId id, long offset) throws IOException {
		FileChannel channel = FileChannel.open(file(id), StandardOpenOption.READ);
		channel.position(offset);
		return Channels.newInputStream(channel);
	}

	@Override
	public void delete(ShareId id) throws IOException {
		Files.deleteIfExists(file(id));
	}

	@Override
	public boolean contains(ShareId id) {
		return Files.exists(file(id));
	}

	@Override
	public String toString() {
		return "filesystem " + directory;
	}

}

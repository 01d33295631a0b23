package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.ShareId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ciphertext as rows of at most 1 MiB in {@code diagnostics_segment}, so every replica
 * sees it through the database alone. Each row is written in its own statement and read
 * one at a time: memory stays bounded by one row.
 */
class DatabaseCiphertextStore implements CiphertextStore {

	static final int SEGMENT = 1024 * 1024;

	private final JdbcClient jdbc;

	DatabaseCiphertextStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public long write(ShareId id, long offset, InputStream in, long maxTotal) throws IOException {
		long stored = jdbc
			.sql("SELECT COALESCE(SUM(length), 0) FROM diagnostics_segment WHERE share_id = ? AND start_offset < ?")
			.params(id.value(), offset)
			.query(Long.class)
			.single();
		if (stored != offset) {
			throw new IOException("cannot write at " + offset + ": only " + stored + " bytes stored");
		}
		deleteFrom(id, offset);
		byte[] buffer = new byte[SEGMENT];
		long total = offset;
		try {
			while (true) {
				int n = in.readNBytes(buffer, 0, SEGMENT);
				if (n == 0) {
					break;
				}
				if (total + n > maxTotal) {
					throw new ShareTooLarge("more than " + maxTotal + " bytes");
				}
				jdbc.sql("INSERT INTO diagnostics_segment (share_id, start_offset, length, bytes) VALUES (?, ?, ?, ?)")
					.params(id.value(), total, n, n == SEGMENT ? buffer : Arrays.copyOf(buffer, n))
					.update();
				total += n;
				if (n < SEGMENT) {
					break;
				}
			}
			return total;
		}
		catch (IOException | RuntimeException ex) {
			deleteFrom(id, offset);
			throw ex;
		}
	}

	private void deleteFrom(ShareId id, long offset) {
		jdbc.sql("DELETE FROM diagnostics_segment WHERE share_id = ? AND start_offset >= ?")
			.params(id.value(), offset)
			.update();
	}

	@Override
	public InputStream read(ShareId id, long offset) throws IOException {
		List<long[]> segments = jdbc
			.sql("SELECT start_offset, length FROM diagnostics_segment WHERE share_id = ? ORDER BY start_offset")
			.param(id.value())
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getInt(2) })
			.list();
		if (segments.isEmpty()) {
			throw new NoSuchFileException(id.value());
		}
		Deque<long[]> remaining = new ArrayDeque<>();
		for (long[] segment : segments) {
			if (segment[0] + segment[1] > offset) {
				remaining.add(segment);
			}
		}
		return new SegmentStream(id, remaining, offset);
	}

	@Override
	public void delete(ShareId id) {
		jdbc.sql("DELETE FROM diagnostics_segment WHERE share_id = ?").param(id.value()).update();
	}

	@Override
	public boolean contains(ShareId id) {
		return jdbc.sql("SELECT COUNT(*) FROM diagnostics_segment WHERE share_id = ?")
			.param(id.value())
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public String toString() {
		return "database";
	}

	/** Fetches one segment at a time as it is read. */
	private final class SegmentStream extends InputStream {

		private final ShareId id;

		private final Deque<long[]> segments;

		private long skip;

		private byte[] current = new byte[0];

		private int position;

		SegmentStream(ShareId id, Deque<long[]> segments, long offset) {
			this.id = id;
			this.segments = segments;
			this.skip = segments.isEmpty() ? 0 : offset - segments.peekFirst()[0];
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return n < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			while (position == current.length) {
				long[] segment = segments.pollFirst();
				if (segment == null) {
					return -1;
				}
				List<byte[]> rows = jdbc
					.sql("SELECT bytes FROM diagnostics_segment WHERE share_id = ? AND start_offset = ?")
					.params(id.value(), segment[0])
					.query((rs, row) -> rs.getBytes(1))
					.list();
				if (rows.isEmpty()) {
					throw new NoSuchFileException(id.value());
				}
				current = rows.get(0);
				position = (int) Math.max(0, skip);
				skip = 0;
			}
			int n = Math.min(length, current.length - position);
			System.arraycopy(current, position, buffer, offset, n);
			position += n;
			return n;
		}

	}

}

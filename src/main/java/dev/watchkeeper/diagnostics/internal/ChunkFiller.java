package dev.watchkeeper.diagnostics.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Fills fixed-size chunks from a stream and knows whether a chunk is the stream's last: a
 * full chunk is followed by a one-byte look-ahead, so the last-chunk flag of the STREAM
 * construction is set without buffering the stream.
 */
final class ChunkFiller {

	private final InputStream in;

	private int lookahead = -1;

	ChunkFiller(InputStream in) {
		this.in = in;
	}

	/** Fills {@code buffer} as far as the stream allows. */
	Chunk fill(byte[] buffer) throws IOException {
		int filled = 0;
		if (lookahead >= 0) {
			buffer[filled++] = (byte) lookahead;
			lookahead = -1;
		}
		filled += in.readNBytes(buffer, filled, buffer.length - filled);
		boolean last = filled < buffer.length;
		if (!last) {
			lookahead = in.read();
			last = lookahead < 0;
		}
		return new Chunk(filled, last);
	}

	/** How many bytes a fill produced, and whether nothing follows them. */
	record Chunk(int length, boolean last) {
	}

}

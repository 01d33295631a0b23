package dev.watchkeeper.runbooks.internal;

import dev.watchkeeper.runbooks.RunbookCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the runbook files look like on disk (path, size, modification time), compared
 * between polls to notice a change. Polling rather than a WatchService because Kubernetes
 * ConfigMap mounts swap a symlink, which inotify watchers on the directory miss;
 * following the links here sees the new files.
 */
record DirectorySnapshot(boolean exists, List<Entry> entries) {

	DirectorySnapshot {
		entries = List.copyOf(entries);
	}

	static DirectorySnapshot of(Path dir) {
		if (!Files.isDirectory(dir)) {
			return new DirectorySnapshot(false, List.of());
		}
		List<Entry> entries = new ArrayList<>();
		try {
			for (Path file : RunbookCatalog.runbookFiles(dir)) {
				try {
					entries
						.add(new Entry(file.toString(), Files.size(file), Files.getLastModifiedTime(file).toMillis()));
				}
				catch (IOException ex) {
					// deleted between listing and reading: the next poll sees the
					// directory without it
					entries.add(new Entry(file.toString(), -1, -1));
				}
			}
		}
		catch (UncheckedIOException ex) {
			return new DirectorySnapshot(true, List.of(new Entry("unreadable", -1, -1)));
		}
		return new DirectorySnapshot(true, entries);
	}

	/** One file as seen. */
	record Entry(String path, long size, long modifiedMillis) {
	}
}

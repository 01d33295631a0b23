package dev.watchkeeper.approvals.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks picked by key hash. Serializes work on one request inside this
 * process so that concurrent clicks queue instead of colliding in the database;
 * correctness across replicas still rests on compare-and-set.
 */
public final class StripedLocks {

	private final ReentrantLock[] locks;

	public StripedLocks(int stripes) {
		locks = new ReentrantLock[stripes];
		for (int i = 0; i < stripes; i++) {
			locks[i] = new ReentrantLock();
		}
	}

	public ReentrantLock forKey(Object key) {
		return locks[Math.floorMod(key.hashCode(), locks.length)];
	}

}

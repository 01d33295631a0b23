package dev.watchkeeper.audit;

/**
 * The newest entry of the chain: its sequence number and hash (sequence 0 and 64 zeros
 * when empty).
 */
public record ChainHead(long sequence, String hash) {
}

# Watchkeeper's Vault policy: exactly what the bot needs to keep its own login alive and to preview, revoke and
# verify credentials after a human approved the action in Slack. Nothing here reads a secret's value.
#
#   vault policy write watchkeeper helm/vault-policy.hcl
#
# Every path is relative to the root namespace of the bot's token (or to VAULT_NAMESPACE on Vault Enterprise).
# docs/vault-policy.md explains each rule and what is deliberately left out.

# --- The bot's own token -------------------------------------------------------------------------------------

# Renew the bot's token before it expires (Kubernetes, AppRole and token logins all yield renewable tokens).
path "auth/token/renew-self" {
  capabilities = ["update"]
}

# Read the bot's own TTL and policies: drives renewal timing, and the health indicator tells "permission denied"
# apart from "Vault unreachable".
path "auth/token/lookup-self" {
  capabilities = ["read"]
}

# --- vault.revoke-lease (tier HIGH) --------------------------------------------------------------------------

# Preview: issue time, expiry and TTL of one lease (PUT with the lease id in the body). Also the verification
# after the revoke: Vault answers 204 even for a lease it never had, so only a second lookup proves it is gone.
path "sys/leases/lookup" {
  capabilities = ["update"]
}

# Revoke one lease (PUT with the lease id in the body). The URL form sys/leases/revoke/<lease-id> is not granted:
# the bot does not use it.
path "sys/leases/revoke" {
  capabilities = ["update"]
}

# --- vault.revoke-prefix (tier CRITICAL, two approvers): the preview ----------------------------------------

# Count and show the leases under a prefix before anyone approves a prefix revoke (LIST sys/leases/lookup/<prefix>).
# Vault lists lease ids only for tokens with sudo on this path (it is a root-protected path), so "list" alone
# would always answer 403; "sudo" here grants nothing but the listing of lease ids, never their secrets.
# Without this rule the preview says it cannot count the leases, and the request can still be approved.
path "sys/leases/lookup/*" {
  capabilities = ["list", "sudo"]
}

# The revoke-prefix itself is NOT granted here. PUT sys/leases/revoke-prefix/<prefix> revokes every lease under
# the prefix, and Vault requires sudo on it (a root-protected path). Grant it only if your team wants the action
# at all, and narrow the prefix to the engines it may touch, e.g. as a second policy attached to the same role:
#
#   path "sys/leases/revoke-prefix/database/creds/*" {
#     capabilities = ["update", "sudo"]
#   }
#
# Without it, vault.revoke-prefix fails before acting with
# "Watchkeeper's Vault policy lacks update+sudo on sys/leases/revoke-prefix/<prefix>".

# --- vault.revoke-token-accessor (tier HIGH) -----------------------------------------------------------------

# Preview a token by its accessor: display name, policies, creation time, TTL. The token itself is never needed,
# so a leaked token can be dealt with from its accessor alone (as seen in audit logs).
path "auth/token/lookup-accessor" {
  capabilities = ["update"]
}

# Revoke the token (and its children) by accessor; the lookup above verifies it is gone.
path "auth/token/revoke-accessor" {
  capabilities = ["update"]
}

# --- vault.rotate-database-role (tier HIGH) ------------------------------------------------------------------

# Rotate the password of a database secrets engine static role. "database" is the engine's default mount path:
# repeat the rule for each mount the bot may rotate, or narrow "*" to the role names it may touch.
path "database/rotate-role/*" {
  capabilities = ["update"]
}

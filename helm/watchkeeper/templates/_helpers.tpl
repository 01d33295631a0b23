{{/* Chart name, overridable. */}}
{{- define "watchkeeper.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: <release>-watchkeeper, or the release name if it already says so. */}}
{{- define "watchkeeper.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "watchkeeper.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "watchkeeper.labels" -}}
helm.sh/chart: {{ include "watchkeeper.chart" . }}
{{ include "watchkeeper.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: watchkeeper
{{- end }}

{{- define "watchkeeper.selectorLabels" -}}
app.kubernetes.io/name: {{ include "watchkeeper.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "watchkeeper.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "watchkeeper.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference: by digest when one is given, else by tag (default: the chart's appVersion). */}}
{{- define "watchkeeper.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "watchkeeper.runbooksConfigMap" -}}
{{- default (printf "%s-runbooks" (include "watchkeeper.fullname" .)) .Values.runbooks.existingConfigMap }}
{{- end }}

{{- define "watchkeeper.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl | trimSuffix "/" }}
{{- else if .Values.ingress.enabled }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host }}
{{- end }}
{{- end }}

{{/* Where the projected service-account token for the Vault login is mounted. */}}
{{- define "watchkeeper.vaultTokenDir" -}}
/var/run/secrets/watchkeeper/vault
{{- end }}

{{- define "watchkeeper.vaultCaDir" -}}
/etc/watchkeeper/vault-ca
{{- end }}

{{/* Working directory and data volume: the H2 default ./data/watchkeeper lands on the volume. */}}
{{- define "watchkeeper.dataDir" -}}
/var/lib/watchkeeper
{{- end }}

{{/* Fails the render on combinations that cannot work, with the fix in the message. */}}
{{- define "watchkeeper.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.database.existingSecret) }}
{{- fail "replicaCount > 1 needs PostgreSQL: set database.existingSecret (the embedded H2 database cannot be shared; see values-ha.yaml)" }}
{{- end }}
{{- if and .Values.persistence.enabled .Values.database.existingSecret }}
{{- fail "persistence is for the embedded H2 database only: unset persistence.enabled when database.existingSecret is set" }}
{{- end }}
{{- if and .Values.vault.kubernetes.role (not .Values.vault.address) }}
{{- fail "vault.kubernetes.role is set but vault.address is empty" }}
{{- end }}
{{- if and .Values.vault.caCert.secretName .Values.vault.caCert.configMapName }}
{{- fail "vault.caCert: set secretName or configMapName, not both" }}
{{- end }}
{{- end }}

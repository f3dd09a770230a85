{{- define "portolan.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "portolan.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "portolan.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end -}}

{{- define "portolan.postgresqlSelectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: postgresql
{{- end -}}

{{- define "portolan.serviceAccountName" -}}
{{- default (include "portolan.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/* The Secret and key holding the database URL, when there is one. */}}
{{- define "portolan.databaseSecretName" -}}
{{- if .Values.database.existingSecret -}}
{{- .Values.database.existingSecret -}}
{{- else if .Values.database.url -}}
{{- printf "%s-database" (include "portolan.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "portolan.encryptionSecretName" -}}
{{- default (printf "%s-encryption" (include "portolan.fullname" .)) .Values.encryption.existingSecret -}}
{{- end -}}

{{- define "portolan.adminSecretName" -}}
{{- default (printf "%s-admin" (include "portolan.fullname" .)) .Values.admin.existingSecret -}}
{{- end -}}

{{/*
A value generated once: the existing Secret's key when the release already made it (lookup
reads the live cluster on install and upgrade; `helm template` sees none and generates anew).
*/}}
{{- define "portolan.keptSecretValue" -}}
{{- $secret := lookup "v1" "Secret" .namespace .name -}}
{{- if and $secret $secret.data (hasKey $secret.data .key) -}}
{{- index $secret.data .key | b64dec -}}
{{- else -}}
{{- .generate -}}
{{- end -}}
{{- end -}}

{{/* Refuses settings that cannot work, naming the value to change. */}}
{{- define "portolan.validate" -}}
{{- $postgres := or .Values.database.existingSecret .Values.database.url .Values.postgresql.enabled -}}
{{- if and (gt (int .Values.replicaCount) 1) (not $postgres) -}}
{{- fail "replicaCount > 1 needs PostgreSQL: set database.existingSecret (or database.url), or postgresql.enabled=true for a trial; SQLite lives in one pod" -}}
{{- end -}}
{{- if and .Values.postgresql.enabled (or .Values.database.existingSecret .Values.database.url) -}}
{{- fail "postgresql.enabled bundles a database, and database.existingSecret/database.url name another: choose one" -}}
{{- end -}}
{{- if and .Values.ingress.tls.enabled (not .Values.ingress.tls.secretName) -}}
{{- fail "ingress.tls.enabled needs ingress.tls.secretName, the kubernetes.io/tls Secret for ingress.host" -}}
{{- end -}}
{{- end -}}

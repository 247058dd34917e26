#!/bin/sh
# Builds the AppCDS archive of the image (run by the Dockerfile): the JVM records the classes it
# loads while `certkeeper operator` starts (CLI, Kubernetes client, Jackson, the Operator SDK, the
# reconcilers and the API model) and writes them to an archive that later starts map directly.
# The API server it is pointed at does not exist, so the operator stops as soon as it tries to
# list its first resource; that exit (code 1) is expected.
#   train-cds.sh JAR JVM_OPTIONS_FILE ARCHIVE
set -eu
jar="$1" options="$2" archive="$3"
rm -f "$archive"
KUBECONFIG=/nonexistent KUBERNETES_MASTER=https://127.0.0.1:1 KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT=0 \
  timeout 120 java "@$options" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" operator >/dev/null 2>&1 || true
[ -s "$archive" ] || { echo "train-cds.sh: no archive was written to $archive" >&2; exit 1; }
# The archive must work with the options the image runs with; -Xshare:on fails if it does not.
java "@$options" -XX:SharedArchiveFile="$archive" -Xshare:on -jar "$jar" version

# Pebble and pebble-challtestsrv for the K3s suite: the pinned binaries of .tools/bin (make tools),
# on the same base image as certkeeper's, which K3sEndToEndIT has already pulled.
ARG BASE_IMAGE=eclipse-temurin:21-jre
FROM ${BASE_IMAGE}
COPY pebble pebble-challtestsrv /usr/local/bin/
RUN chmod 0755 /usr/local/bin/pebble /usr/local/bin/pebble-challtestsrv
USER 65532:65532

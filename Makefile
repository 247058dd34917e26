# certkeeper — developer entry points. The README's two commands: `make test` and `make demo`.
MVN ?= mvn
.DEFAULT_GOAL := help
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

# ---------------------------------------------------------------------------------------------
# Local development environment (e2e/tools, e2e/local)
# ---------------------------------------------------------------------------------------------
.PHONY: tools up down status

## tools: build the pinned kube-apiserver, kube-controller-manager, kubectl, etcd, pebble,
##        pebble-challtestsrv, helm and certkeeper-standins into .tools/bin (skips those already
##        at their version)
tools:
	@$(ROOT)/e2e/tools/install.sh

## up: start etcd, kube-apiserver, kube-controller-manager, Pebble and its DNS, and the stand-ins
##     that run solver pods and route Ingress traffic on 127.0.0.1:80 (e2e/README.md) in the
##     background (state in .local/; then `source .local/env`)
up:
	@$(ROOT)/e2e/local/up.sh

## down: stop everything `up` started and delete the cluster state (keeps .local/logs)
down:
	@$(ROOT)/e2e/local/down.sh

## status: show which local components are running
status:
	@$(ROOT)/e2e/local/status.sh || true # the script alone exits 1 unless all run

# ---------------------------------------------------------------------------------------------
# Java build and test targets (maintained by the lead engineer)
# ---------------------------------------------------------------------------------------------
.PHONY: help build crds unit test demo bench-issue bench-acme

## help: list the targets
help:
	@grep -hE '^##' $(MAKEFILE_LIST) | sed 's/^## //'

## build: build the runnable jar target/certkeeper.jar
build:
	@cd $(ROOT) && $(MVN) -q -DskipTests package

## crds: regenerate crds/ from the Java API model (the build fails while crds/ is stale), then the
##       chart's copy and deploy/certkeeper.yaml (deploy-manifests)
crds:
	@cd $(ROOT) && $(MVN) -q test-compile exec:java@crds
	@$(MAKE) --no-print-directory deploy-manifests

.PHONY: deploy-manifests
## deploy-manifests: copy crds/ into the Helm chart and render deploy/certkeeper.yaml from it with
##                   the chart's defaults (the build fails while either is stale); needs `make tools`
deploy-manifests:
	@cd $(ROOT) && $(MVN) -q test-compile exec:java@deploy-manifests

## unit: unit tests only (no cluster needed)
unit:
	@cd $(ROOT) && $(MVN) test

.PHONY: e2e-k3s
## e2e-k3s: only the K3s end-to-end suite (needs a Docker engine; without one it reports itself
##          as not run): image, Helm install, CA and HTTP-01 flows on K3s (e2e/k3s/README.md)
e2e-k3s: tools
	@cd $(ROOT) && $(MVN) verify -DunitTestsRequired=false -Dsurefire.failIfNoSpecifiedTests=false -Dtest=NONE -Dit.test=K3sEndToEndIT; status=$$?; e2e/report-tests.sh; exit $$status

## test: every test: builds the tools, then unit tests and the integration tests, which run on the
##       local control plane and Pebble (reused if `make up` already runs, else started and stopped),
##       and the Go tests of the local stand-ins (e2e/tools/standins)
test: tools
	@cd $(ROOT) && $(MVN) clean verify; status=$$?; \
	  mkdir -p target && (cd e2e/tools/standins && go test -json ./... > $(ROOT)/target/standins-go-test.json) || status=1; \
	  e2e/report-tests.sh; exit $$status

## demo: the main job end to end: builds what is missing, starts the local environment, applies
##       deploy/examples/demo.yaml (a ClusterIssuer on Pebble and an annotated Ingress), waits for the
##       Certificate to be Ready and shows it, then `make down` (KEEP=1 keeps the environment)
demo:
	@$(ROOT)/e2e/demo.sh

## bench-issue: 200 ECDSA Certificates at once from a CA Issuer on the local environment: prints
##              p50/p99 create->Ready, total time, API requests per certificate and operator peak RSS,
##              then the same with 5,000 unrelated 10 KiB Secrets in the cluster
bench-issue: tools build up
	@cd $(ROOT) && $(MVN) -q test-compile exec:java@bench-issue

## bench-acme: 100 Certificates at once over HTTP-01 against Pebble, each through its own solver Pod,
##             Service and Ingress; prints p50/p99 create->Ready, total time, ACME requests and API
##             writes per certificate and the operator's peak RSS
bench-acme: tools build up
	@cd $(ROOT) && $(MVN) -q test-compile exec:java@bench-acme

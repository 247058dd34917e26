//go:build tools

// Package tools pins the Kubernetes sources so go.mod/go.sum cover every binary that
// e2e/tools/install.sh builds from k8s.io/kubernetes/cmd/... (main packages cannot be
// imported, so import the packages they delegate to).
package tools

import (
	_ "k8s.io/kubectl/pkg/cmd"                            // cmd/kubectl
	_ "k8s.io/kubernetes/cmd/kube-apiserver/app"          // cmd/kube-apiserver
	_ "k8s.io/kubernetes/cmd/kube-controller-manager/app" // cmd/kube-controller-manager
)

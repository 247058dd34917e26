//go:build tools

// Package tools pins the etcd server sources so go.mod/go.sum cover them.
// (The binary is the module root go.etcd.io/etcd/server/v3; a main package cannot be
// imported, so import the package it delegates to.)
package tools

import _ "go.etcd.io/etcd/server/v3/etcdmain"

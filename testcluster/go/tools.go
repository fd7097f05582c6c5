//go:build tools

// Keeps the commands that testcluster/cluster builds in this module's
// dependency graph, so `go mod tidy` does not drop them from go.sum.
package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kubectl"
)

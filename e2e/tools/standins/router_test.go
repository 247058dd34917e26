package main

import (
	"testing"

	networkingv1 "k8s.io/api/networking/v1"
)

func TestHostRank(t *testing.T) {
	for _, c := range []struct {
		rule, host string
		want       int
	}{
		{"", "foo.example.com", 0},
		{"foo.example.com", "foo.example.com", 2},
		{"Foo.Example.com", "foo.example.com", 2},
		{"foo.example.com", "bar.example.com", -1},
		{"*.example.com", "foo.example.com", 1},
		{"*.example.com", "a.foo.example.com", -1},
		{"*.example.com", "example.com", -1},
		{"*.example.com", ".example.com", -1},
	} {
		if got := hostRank(c.rule, c.host); got != c.want {
			t.Errorf("hostRank(%q, %q) = %d, want %d", c.rule, c.host, got, c.want)
		}
	}
}

func TestPathMatch(t *testing.T) {
	exact, prefix, impl := networkingv1.PathTypeExact, networkingv1.PathTypePrefix, networkingv1.PathTypeImplementationSpecific
	for _, c := range []struct {
		typ       *networkingv1.PathType
		path, req string
		ok        bool
		n         int
	}{
		{&exact, "/foo", "/foo", true, 4},
		{&exact, "/foo", "/foo/", false, 0},
		{&exact, "/foo", "/foo/bar", false, 0},
		{&prefix, "/", "/anything", true, 0},
		{&prefix, "/foo", "/foo", true, 4},
		{&prefix, "/foo", "/foo/", true, 4},
		{&prefix, "/foo/", "/foo", true, 4},
		{&prefix, "/foo", "/foo/bar", true, 4},
		{&prefix, "/foo", "/foobar", false, 0},
		{&prefix, "/aaa/bb", "/aaa/bbb", false, 0},
		{&impl, "/.well-known/acme-challenge/abc", "/.well-known/acme-challenge/abc", true, 31},
		{nil, "/foo", "/foo/x", true, 4},
	} {
		n, _, ok := pathMatch(&networkingv1.HTTPIngressPath{PathType: c.typ, Path: c.path}, c.req)
		if ok != c.ok || n != c.n {
			t.Errorf("pathMatch(%v %q, %q) = %d %t, want %d %t", c.typ, c.path, c.req, n, ok, c.n, c.ok)
		}
	}
}

module github.com/portolan/portolan/tools/pty-bridge

go 1.26

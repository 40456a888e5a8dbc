#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

/// Declared here because Swift's Glibc module is built without _GNU_SOURCE.
extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);

#include "net/listener.hpp"

#include <boost/asio/strand.hpp>
#include <cstdio>

#include "net/http_session.hpp"

namespace intervisie::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

listener::listener(asio::io_context& ioc, const tcp::endpoint& ep, server_state& state)
    : ioc_(ioc), acceptor_(asio::make_strand(ioc)), state_(state) {
  acceptor_.open(ep.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(ep);
  acceptor_.listen(asio::socket_base::max_listen_connections);
}

std::uint16_t listener::port() const {
  return acceptor_.local_endpoint().port();
}

void listener::run() {
  do_accept();
}

void listener::stop() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ec;
    self->acceptor_.close(ec);
  });
}

void listener::do_accept() {
  // Each connection gets its own strand: its handlers never run concurrently.
  acceptor_.async_accept(asio::make_strand(ioc_),
                         [self = shared_from_this()](boost::system::error_code ec, tcp::socket s) {
                           if (ec == asio::error::operation_aborted) return;
                           if (!ec) {
                             boost::system::error_code opt_ec;
                             s.set_option(tcp::no_delay(true), opt_ec);
                             std::make_shared<http_session>(std::move(s), self->state_)->run();
                           } else if (ec == asio::error::no_descriptors) {
                             std::fprintf(stderr, "accept: out of file descriptors\n");
                           }
                           if (self->acceptor_.is_open()) self->do_accept();
                         });
}

}  // namespace intervisie::net

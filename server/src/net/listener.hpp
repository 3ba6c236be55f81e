#pragma once
// Accepts TCP connections and hands each to an http_session.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "net/server_state.hpp"

namespace intervisie::net {

class listener : public std::enable_shared_from_this<listener> {
public:
  // Binds and listens; throws boost::system::system_error when it cannot.
  listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& ep,
           server_state& state);
  void run();
  void stop();
  std::uint16_t port() const;

private:
  void do_accept();

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  server_state& state_;
};

}  // namespace intervisie::net

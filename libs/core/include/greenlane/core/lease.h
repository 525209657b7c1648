#pragma once

#include <memory>
#include <utility>

namespace greenlane::core {

/// A resource on loan from a pool (a database or Redis connection), handed back on destruction.
/// `Owner` makes leases and takes resources back through its private
/// `void Release(std::unique_ptr<Resource>) noexcept`, declaring `friend class Lease<Owner, Resource>`.
/// The owner must outlive every lease it hands out.
template <typename Owner, typename Resource>
class Lease {
 public:
  Lease(Lease&& other) noexcept : owner_(other.owner_), resource_(std::move(other.resource_)) {}
  Lease& operator=(Lease&& other) noexcept {
    if (this != &other) {
      Return();
      owner_ = other.owner_;
      resource_ = std::move(other.resource_);
    }
    return *this;
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease() { Return(); }

  Resource& operator*() const { return *resource_; }
  Resource* operator->() const { return resource_.get(); }

 private:
  friend Owner;
  Lease(Owner* owner, std::unique_ptr<Resource> resource) : owner_(owner), resource_(std::move(resource)) {}
  void Return() noexcept {
    if (resource_) owner_->Release(std::move(resource_));
  }

  Owner* owner_;
  std::unique_ptr<Resource> resource_;
};

}  // namespace greenlane::core

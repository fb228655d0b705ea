// PersistentTokenStore: round trip, newest entry per prefix, atomic replace, mode 0600, damaged
// files, and a credential that signs in silently from a saved refresh token.
#define BOOST_TEST_DYN_LINK
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#ifndef _WIN32
#include <sys/stat.h>
#endif

#include "auth_test_helpers.hpp"
#include "azscsp/auth/persistent_token_store.hpp"
#include "azscsp/auth/refresh_token_credential.hpp"
#include "azscsp/auth/username_password_credential.hpp"
#include "fakes.hpp"

using namespace azscsp;
using testing::FakeTransport;
using testing::FormField;
using testing::MakeResponse;
namespace fs = std::filesystem;

namespace {

struct StoreFixture {
  fs::path dir;
  std::string path;
  StoreFixture() {
    std::random_device random;
    dir = fs::temp_directory_path() /
          ("azscsp-store-" + std::to_string(random()) + std::to_string(random()));
    path = (dir / "sub" / "tokens.json").string();
  }
  ~StoreFixture() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  std::string Content() const {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(persistent_token_store, StoreFixture)

BOOST_AUTO_TEST_CASE(round_trip_through_the_file) {
  {
    auth::PersistentTokenStore store(path);
    BOOST_TEST(store.Size() == 0u);
    store.Put("https://login|contoso|client|alice", "rt-alice");
    store.Put("https://login|contoso|client|bob", "rt-bob");
    store.Put("https://login|contoso|client|alice", "rt-alice-2");
  }
  auth::PersistentTokenStore reloaded(path);
  BOOST_TEST(reloaded.Size() == 2u);
  BOOST_TEST(*reloaded.Find("https://login|contoso|client|alice") == "rt-alice-2");
  BOOST_TEST(!reloaded.Find("https://login|contoso|client|carol"));
  reloaded.Remove("https://login|contoso|client|bob");
  BOOST_TEST(auth::PersistentTokenStore(path).Size() == 1u);
  // Nothing but the store's own file is left (no temporary files).
  int files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(path).parent_path())) {
    (void)entry;
    ++files;
  }
  BOOST_TEST(files == 1);
}

BOOST_AUTO_TEST_CASE(newest_entry_for_a_prefix) {
  auth::PersistentTokenStore store(path);
  store.Put(auth::PersistentTokenStore::Key("h|t", "c", "alice"), "rt-a");
  store.Put(auth::PersistentTokenStore::Key("h|t", "c", "bob"), "rt-b");
  store.Put(auth::PersistentTokenStore::Key("h|t", "other", "carol"), "rt-c");
  const auto newest = store.FindNewest(auth::PersistentTokenStore::Key("h|t", "c", ""));
  BOOST_REQUIRE(newest);
  BOOST_TEST(newest->first == "h|t|c|bob");
  BOOST_TEST(newest->second == "rt-b");
  BOOST_TEST(!store.FindNewest("h|x|"));
}

#ifndef _WIN32
BOOST_AUTO_TEST_CASE(file_is_created_with_mode_0600) {
  auth::PersistentTokenStore store(path);
  store.Put("k", "rt");
  struct stat info {};
  BOOST_REQUIRE(::stat(path.c_str(), &info) == 0);
  BOOST_TEST((info.st_mode & 0777) == 0600);
  // Still 0600 after it is replaced.
  store.Put("k", "rt-2");
  BOOST_REQUIRE(::stat(path.c_str(), &info) == 0);
  BOOST_TEST((info.st_mode & 0777) == 0600);
}
#endif

BOOST_AUTO_TEST_CASE(damaged_file_is_an_empty_store_and_is_rewritten) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << "{ not json";
  auth::PersistentTokenStore store(path);
  BOOST_TEST(store.Size() == 0u);
  store.Put("k", "rt");
  BOOST_TEST(boost::json::parse(Content()).is_object());
}

BOOST_AUTO_TEST_CASE(a_later_run_signs_in_silently_and_only_refresh_tokens_are_saved) {
  auto transport = std::make_shared<FakeTransport>();
  testing::ManualClock clock;
  auto pipeline =
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport);
  const auth::Authority authority("https://login.microsoftonline.com/", "contoso.onmicrosoft.com");
  const std::string access = testing::MakeJwt({{"upn", "operator@contoso.onmicrosoft.com"}});
  transport->Enqueue(MakeResponse(
      200, R"({"access_token":")" + access + R"(","expires_in":3600,"refresh_token":"rt-saved"})"));
  {
    auth::PublicClientOptions options;
    options.store = std::make_shared<auth::PersistentTokenStore>(path);
    auth::UsernamePasswordCredential first_run(authority, "operator@contoso.onmicrosoft.com",
                                               "password-secret-123", options, pipeline, clock);
    first_run.GetToken({"https://management.azure.com/"}, {});
  }
  const std::string saved = Content();
  BOOST_TEST(saved.find("rt-saved") != std::string::npos);
  BOOST_TEST(saved.find(access) == std::string::npos);
  BOOST_TEST(saved.find("password-secret-123") == std::string::npos);
  BOOST_TEST(saved.find("operator@contoso.onmicrosoft.com") != std::string::npos);

  // Second run: same user, the refresh token from the file, no password grant.
  transport->Enqueue(MakeResponse(200, R"({"access_token":")" + access +
                                           R"(","expires_in":3600,"refresh_token":"rt-rotated"})"));
  auth::PublicClientOptions options;
  options.store = std::make_shared<auth::PersistentTokenStore>(path);
  auth::UsernamePasswordCredential second_run(authority, "operator@contoso.onmicrosoft.com",
                                              "password-secret-123", options, pipeline, clock);
  second_run.GetToken({"https://management.azure.com/"}, {});
  const auto& request = transport->Requests().back();
  BOOST_TEST(FormField(request.body, "grant_type") == "refresh_token");
  BOOST_TEST(FormField(request.body, "refresh_token") == "rt-saved");
  // The rotated token replaced the old one on disk.
  BOOST_TEST(Content().find("rt-rotated") != std::string::npos);
  BOOST_TEST(Content().find("rt-saved") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

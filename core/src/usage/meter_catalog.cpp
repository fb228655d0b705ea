#include "azscsp/usage/meter_catalog.hpp"

#include <cctype>

namespace azscsp::usage {
namespace {

struct BuiltinMeter {
  const char* id;
  const char* name;
  const char* unit;
};

// usage.md §7 (usage FAQ 02/18/2021 and AzureStack-Tools Usagesummary.ps1).
const BuiltinMeter kBuiltinMeters[] = {
    {"F271A8A388C44D93956A063E1D2FA80B", "Static IP Address Usage", "IP addresses"},
    {"9E2739BA86744796B465F64674B822BA", "Dynamic IP Address Usage", "IP addresses"},
    {"f114cb19-ea64-40b5-bcd7-aee474b62853", "Public IP Address Usage", "IP addresses"},
    {"B4438D5D-453B-4EE1-B42A-DC72E377F1E4", "TableCapacity", "GB × hours"},
    {"B5C15376-6C94-4FDD-B655-1A69D138ACA3", "PageBlobCapacity", "GB × hours"},
    {"B03C6AE7-B080-4BFA-84A3-22C800F315C6", "QueueCapacity", "GB × hours"},
    {"09F8879E-87E9-4305-A572-4B7BE209F857", "BlockBlobCapacity", "GB × hours"},
    {"B9FF3CD0-28AA-4762-84BB-FF8FBAEA6A90", "TableTransactions", "requests in 10,000s"},
    {"50A1AEAF-8ECA-48A0-8973-A5B3077FEE0D", "TableDataTransIn", "ingress GB"},
    {"1B8C1DEC-EE42-414B-AA36-6229CF199370", "TableDataTransOut", "egress GB"},
    {"43DAF82B-4618-444A-B994-40C23F7CD438", "BlobTransactions", "requests in 10,000s"},
    {"9764F92C-E44A-498E-8DC1-AAD66587A810", "BlobDataTransIn", "ingress GB"},
    {"3023FEF4-ECA5-4D7B-87B3-CFBC061931E8", "BlobDataTransOut", "egress GB"},
    {"EB43DD12-1AA6-4C4B-872C-FAF15A6785EA", "QueueTransactions", "requests in 10,000s"},
    {"E518E809-E369-4A45-9274-2017B29FFF25", "QueueDataTransIn", "ingress GB"},
    {"DD0A10BA-A5D6-4CB6-88C0-7D585CEF9FC2", "QueueDataTransOut", "egress GB"},
    {"FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5", "Base VM Size Hours", "virtual core hours"},
    {"9CD92D4C-BAFD-4492-B278-BEDC2DE8232A", "Windows VM Size Hours", "virtual core hours"},
    {"6DAB500F-A4FD-49C4-956D-229BB9C8C793", "VM size hours", "VM hours"},
    {"380874f9-300c-48e0-95a0-d2d9a21ade8f", "S4", "disks × month"},
    {"1b77d90f-427b-4435-b4f1-d78adec53222", "S6", "disks × month"},
    {"d5f7731b-f639-404a-89d0-e46186e22c8d", "S10", "disks × month"},
    {"ff85ef31-da5b-4eac-95dd-a69d6f97b18a", "S15", "disks × month"},
    {"88ea9228-457a-4091-adc9-ad5194f30b6e", "S20", "disks × month"},
    {"5b1db88a-8596-4002-8052-347947c26940", "S30", "disks × month"},
    {"14496322-39cb-4d33-b67d-39b0c2de0c8e", "S40", "disks × month"},
    {"8c003d25-afb4-4f21-b1fa-86a5b0f001c7", "S50", "disks × month"},
    {"7660b45b-b29d-49cb-b816-59f30fbab011", "P4", "disks × month"},
    {"817007fd-a077-477f-bc01-b876f27205fd", "P6", "disks × month"},
    {"e554b6bc-96cd-4938-a5b5-0da990278519", "P10", "disks × month"},
    {"cdc0f53a-62a9-4472-a06c-e99a23b02907", "P15", "disks × month"},
    {"b9cb2d1a-84c2-4275-aa8b-70d2145d59aa", "P20", "disks × month"},
    {"06bde724-9f94-43c0-84c3-d0fc54538369", "P30", "disks × month"},
    {"eecb2657-e7e6-47f9-9b00-7f58fa8839cb", "P40", "disks × month"},
    {"43626c21-849b-40fe-8c01-e19666059c38", "P50", "disks × month"},
    {"7ba084ec-ef9c-4d64-a179-7732c6cb5e28", "ActualStandardDiskSize", "GB × month"},
    {"daef389a-06e5-4684-a7f7-8813d9f792d5", "ActualPremiumDiskSize", "GB × month"},
    {"108fa95b-be0d-4cd9-96e8-5b0d59505df1", "ActualStandardSnapshotSize", "GB × month"},
    {"578ae51d-4ef9-42f9-85ae-42b52d3d83ac", "ActualPremiumSnapshotSize", "GB × month"},
    {"5d76e09f-4567-452a-94cc-7d1f097761f0", "S4", "disks × hours"},
    {"dc9fc6a9-0782-432a-b8dc-978130457494", "S6", "disks × hours"},
    {"e5572fce-9f58-49d7-840c-b168c0f01fff", "S10", "disks × hours"},
    {"9a8caedd-1195-4cd5-80b4-a4c22f9302b8", "S15", "disks × hours"},
    {"5938f8da-0ecd-4c48-8d5a-c7c6c23546be", "S20", "disks × hours"},
    {"7705a158-bd8b-4b2b-b4c2-0782343b81e6", "S30", "disks × hours"},
    {"d9aac1eb-a5d1-42f2-b617-9e3ea94fed88", "S40", "disks × hours"},
    {"a54899dd-458e-4a40-9abd-f57cafd936a7", "S50", "disks × hours"},
    {"5c105f5f-cbdf-435c-b49b-3c7174856dcc", "P4", "disks × hours"},
    {"518b412b-1927-4f25-985f-4aea24e55c4f", "P6", "disks × hours"},
    {"5cfb1fed-0902-49e3-8217-9add946fd624", "P10", "disks × hours"},
    {"8de91c94-f740-4d9a-b665-bd5974fa08d4", "P15", "disks × hours"},
    {"c7e7839c-293b-4761-ae4c-848eda91130b", "P20", "disks × hours"},
    {"9f502103-adf4-4488-b494-456c95d23a9f", "P30", "disks × hours"},
    {"043757fc-049f-4e8b-8379-45bb203c36b1", "P40", "disks × hours"},
    {"c0342c6f-810b-4942-85d3-6eaa561b6570", "P50", "disks × hours"},
    {"8a409390-1913-40ae-917b-08d0f16f3c38", "ActualStandardDiskSize", "bytes × hours"},
    {"1273b16f-8458-4c34-8ce2-a515de551ef6", "ActualPremiumDiskSize", "bytes × hours"},
    {"89009682-df7f-44fe-aeb1-63fba3ddbf4c", "ActualStandardSnapshotSize", "bytes × hours"},
    {"95b0c03f-8a82-4524-8961-ccfbf575f536", "ActualPremiumSnapshotSize", "bytes × hours"},
    {"75d4b707-1027-4403-9986-6ec7c05579c8", "ActualStandardSnapshotSize", "GB × month"},
    {"5ca1cbb9-6f14-4e76-8be8-1ca91547965e", "ActualPremiumSnapshotSize", "GB × month"},
    {"CBCFEF9A-B91F-4597-A4D3-01FE334BED82", "DatabaseSizeHourSqlMeter", "MB × hours"},
    {"E6D8CFCD-7734-495E-B1CC-5AB0B9C24BD3", "DatabaseSizeHourMySqlMeter", "MB × hours"},
    {"CB6A35C5-FADE-406C-B14D-6DDB7C4CA3D5", "1 Core (Event Hubs)", "core × hours"},
    {"EBF13B9F-B3EA-46FE-BF54-396E93D48AB4", "Key Vault transactions", "requests in 10,000s"},
    {"2C354225-B2FE-42E5-AD89-14F0EA302C87", "Advanced keys transactions", "10K transactions"},
    {"190C935E-9ADA-48FF-9AB8-56EA1CF9ADAA", "App Service", "virtual core hours"},
    {"67CC4AFC-0691-48E1-A4B8-D744D1FEDBDE", "Functions Requests", "10 requests"},
    {"D1D04836-075C-4F27-BF65-0A1130EC60ED", "Functions - Compute", "GB-s"},
    {"957E9F36-2C14-45A1-B6A1-1723EF71A01D", "Shared App Service Hours", "1 hour"},
    {"539CDEC7-B4F5-49F6-AAC4-1F15CFF0EDA9", "Free App Service Hours", "1 hour"},
    {"db658d61-ef2d-4888-9843-72f5c774fd3c", "Small Basic App Service Hours", "1 hour"},
    {"27b01104-e0df-4f30-a171-f1b00ecb76b3", "Medium Basic App Service Hours", "1 hour"},
    {"50db6a92-5dff-4c9b-8238-8ea5fb1be107", "Large Basic App Service Hours", "1 hour"},
    {"88039D51-A206-3A89-E9DE-C5117E2D10A6", "Small Standard App Service Hours", "1 hour"},
    {"83A2A13E-4788-78DD-5D55-2831B68ED825", "Medium Standard App Service Hours", "1 hour"},
    {"1083B9DB-E9BB-24BE-A5E9-D6FDD0DDEFE6", "Large Standard App Service Hours", "1 hour"},
    {"26bd6580-c3bd-4e7e-8092-58b28eb1bb94", "Small Premium App Service Hours", "1 hour"},
    {"a1cba406-e83e-45c3-bd36-485191c215d9", "Medium Premium App Service Hours", "1 hour"},
    {"a2104a9d-5a78-4f8f-a2df-034bd43d602d", "Large Premium App Service Hours", "1 hour"},
    {"a91eed6c-dbbc-4532-859c-86de776433a4", "Extra Large Premium App Service Hours", "1 hour"},
    {"264ACB47-AD38-47F8-ADD3-47F01DC4F473", "SNI SSL", "per SNI SSL binding"},
    {"60B42D72-DC1C-472C-9895-6C516277EDB4", "IP SSL", "per IP-based SSL binding"},
    {"73215A6C-FA54-4284-B9C1-7E8EC871CC5B", "Web Process", "(none given)"},
    {"5887D39B-0253-4E12-83C7-03E1A93DFFD9", "External Egress Bandwidth", "GB"},
};

}  // namespace

std::string NormalizeMeterId(const std::string& meter_id) {
  std::string key;
  key.reserve(meter_id.size());
  for (char c : meter_id)
    if (c != '-' && c != '{' && c != '}' && !std::isspace(static_cast<unsigned char>(c)))
      key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return key;
}

MeterCatalog::MeterCatalog() {
  for (const auto& meter : kBuiltinMeters) Set(meter.id, meter.name, meter.unit);
}

void MeterCatalog::Set(const std::string& meter_id, const std::string& name,
                       const std::string& unit) {
  meters_[NormalizeMeterId(meter_id)] = MeterInfo{meter_id, name, unit, true};
}

MeterInfo MeterCatalog::Find(const std::string& meter_id) const {
  auto found = meters_.find(NormalizeMeterId(meter_id));
  if (found != meters_.end()) return found->second;
  return MeterInfo{meter_id, "Unknown (" + meter_id + ")", "", false};
}

}  // namespace azscsp::usage

// config.md#mounts and #linux-mount-options, config-linux.md#default-filesystems,
// #rootfs-mount-propagation and #mount-label, config.md#root (root.path).
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <initializer_list>
#include <string>

#include "suite/scenario.h"
#include "util/json.h"
#include "util/text.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// Appends a mounts[] entry.
void AddMount(json& c, const char* destination, const char* type, const char* source,
              std::initializer_list<const char*> options) {
  json entry = {{"destination", destination}, {"type", type}, {"source", source}};
  entry["options"] = json::array();
  for (const char* o : options) entry["options"].push_back(o);
  c["mounts"].push_back(std::move(entry));
}

// The mounts[] entry at `destination` (the last one there).
json& MountAt(json& c, const char* destination) {
  json* found = nullptr;
  for (json& m : c["mounts"]) {
    if (m.value("destination", "") == destination) found = &m;
  }
  return *found;
}

void RemoveMount(json& c, const char* destination) {
  json kept = json::array();
  for (const json& m : c["mounts"]) {
    if (m.value("destination", "") != destination) kept.push_back(m);
  }
  c["mounts"] = std::move(kept);
}

// mounts.recursive is a SHOULD: runtimetest counts it only at that compliance level.
void CountShould(json& c) {
  c["process"]["args"] = {"/bin/runtimetest", "--compliance-level=should"};
}

void TmpfsWithOptions(json& c) {
  AddMount(c, "/mnt/t", "tmpfs", "tmpfs",
           {"nosuid", "nodev", "noexec", "noatime", "nodiratime", "mode=0700", "size=1000", "uid=1",
            "gid=2", "nr_inodes=1k"});
}

void ReadOnlyTmpfs(json& c) { AddMount(c, "/mnt/t", "tmpfs", "tmpfs", {"ro", "nosuid"}); }

void NestedInOrder(json& c) {
  AddMount(c, "/mnt/o", "tmpfs", "outer", {"mode=755"});
  AddMount(c, "/mnt/o/in", "tmpfs", "inner", {"mode=700"});
}

void NestedReversed(json& c) {
  AddMount(c, "/mnt/o/in", "tmpfs", "inner", {"mode=700"});
  AddMount(c, "/mnt/o", "tmpfs", "outer", {"mode=755"});
}

void BindBin(json& c) { AddMount(c, "/mnt/b", "bind", "rootfs/bin", {"rbind", "ro", "nosuid"}); }

void Propagations(json& c) {
  AddMount(c, "/mnt/shared", "tmpfs", "tmpfs", {"shared"});
  AddMount(c, "/mnt/slave", "tmpfs", "tmpfs", {"slave"});
  AddMount(c, "/mnt/private", "tmpfs", "tmpfs", {"private"});
  AddMount(c, "/mnt/unbindable", "tmpfs", "tmpfs", {"unbindable"});
}

// The host's /sys/fs/cgroup has mounts below it on every host with cgroups (one per controller
// on v1 and hybrid hosts; none on a pure v2 host, where only the top mount is judged).
void BindCgroupTree(json& c, std::initializer_list<const char*> extra) {
  AddMount(c, "/mnt/cg", "bind", "/sys/fs/cgroup", {"rbind"});
  for (const char* o : extra) MountAt(c, "/mnt/cg")["options"].push_back(o);
}

void IdmappedUsr(json& c) {
  AddMount(c, "/mnt/id", "bind", "/usr", {"rbind"});
  MountAt(c, "/mnt/id")["uidMappings"] = {{{"containerID", 0}, {"hostID", 1000}, {"size", 1}}};
  MountAt(c, "/mnt/id")["gidMappings"] = {{{"containerID", 0}, {"hostID", 2000}, {"size", 1}}};
}

void RootPropagation(json& c, const char* value) { c["linux"]["rootfsPropagation"] = value; }

const char* NoSelinux() {
  return access("/sys/fs/selinux/enforce", F_OK) == 0 ? nullptr
                                                      : "SELinux is not enabled on this host";
}

const char* NoIdmappedMounts() {
  // The scenario maps /usr, owned by root; an owner other than root would make its mapping miss.
  struct stat st {};
  if (stat("/usr", &st) != 0 || st.st_uid != 0 || st.st_gid != 0) {
    return "/usr is not owned by root:root on this host";
  }
  // Its filesystem must allow idmapped mounts: tmpfs (the root of a VM booted from an
  // initramfs) has since Linux 6.3.
  struct statfs fs {};
  struct utsname names {};
  if (statfs("/usr", &fs) == 0 && fs.f_type == TMPFS_MAGIC && uname(&names) == 0 &&
      !KernelAtLeast(names.release, 6, 3)) {
    return "/usr is on tmpfs, which has idmapped mounts since Linux 6.3 (this kernel is older)";
  }
  return nullptr;
}

const Scenario kScenarios[] = {
    // mounts
    {.name = "mounts/tmpfs-options",
     .check_id = "mounts",
     .expect = Expect::kPass,
     .configure = TmpfsWithOptions},
    {.name = "mounts/bind", .check_id = "mounts", .expect = Expect::kPass, .configure = BindBin},
    {.name = "mounts/stacked",
     .check_id = "mounts",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           AddMount(c, "/mnt/s", "tmpfs", "first", {"size=1m"});
           AddMount(c, "/mnt/s", "tmpfs", "second", {"size=2m", "strictatime"});
         }},
    {.name = "mounts/nested",
     .check_id = "mounts",
     .expect = Expect::kPass,
     .configure = NestedInOrder},
    {.name = "mounts/hidden-by-later",
     .check_id = "mounts",
     .expect = Expect::kPass,
     .configure = NestedReversed},
    {.name = "mounts/propagation",
     .check_id = "mounts",
     .expect = Expect::kPass,
     .configure = Propagations},
    {.name = "mounts/nosymfollow",
     .check_id = "mounts",
     .expect = Expect::kPass,
     .configure = [](json& c) { AddMount(c, "/mnt/t", "tmpfs", "tmpfs", {"nosymfollow"}); },
     .requires_feature = "mountOptions=nosymfollow"},
    {.name = "mounts/not-asked",
     .check_id = "mounts",
     .expect = Expect::kCheckFails,
     .told = "/mnt/x",
     .tell = [](json& c) { AddMount(c, "/mnt/x", "tmpfs", "tmpfs", {}); }},
    {.name = "mounts/told-rw-got-ro",
     .check_id = "mounts",
     .expect = Expect::kCheckFails,
     .told = "expected rw,nosuid",
     .configure = ReadOnlyTmpfs,
     .tell =
         [](json& c) {
           MountAt(c, "/mnt/t")["options"] = {"rw", "nosuid"};
         }},
    {.name = "mounts/tmpfs-other-mode",
     .check_id = "mounts",
     .expect = Expect::kCheckFails,
     .told = "mode=0755",
     .configure = TmpfsWithOptions,
     .tell = [](json& c) { MountAt(c, "/mnt/t")["options"][5] = "mode=0755"; }},
    {.name = "mounts/tmpfs-other-size",
     .check_id = "mounts",
     .expect = Expect::kCheckFails,
     .told = "size=2m",
     .configure = TmpfsWithOptions,
     .tell = [](json& c) { MountAt(c, "/mnt/t")["options"][6] = "size=2m"; }},
    {.name = "mounts/devpts-other-gid",
     .check_id = "mounts",
     .expect = Expect::kCheckFails,
     .told = "gid=6",
     .tell = [](json& c) { MountAt(c, "/dev/pts")["options"][5] = "gid=6"; }},
    {.name = "mounts/other-order",
     .check_id = "mounts",
     .expect = Expect::kCheckFails,
     .told = "after mounts[7] /mnt/o/in",
     .configure = NestedInOrder,
     .tell =
         [](json& c) {
           RemoveMount(c, "/mnt/o");
           RemoveMount(c, "/mnt/o/in");
           NestedReversed(c);
         }},
    {.name = "mounts/other-type",
     .check_id = "mounts",
     .expect = Expect::kCheckFails,
     .told = "ramfs",
     .configure = ReadOnlyTmpfs,
     .tell = [](json& c) { MountAt(c, "/mnt/t")["type"] = "ramfs"; }},
    // No negative about the source of a tmpfs: it is a dummy the check does not compare.
    {.name = "mounts/bind-other-source",
     .check_id = "mounts",
     .expect = Expect::kCheckFails,
     .told = "\"rootfs/sbin\"",
     .configure = BindBin,
     .tell = [](json& c) { MountAt(c, "/mnt/b")["source"] = "rootfs/sbin"; }},
    {.name = "mounts/told-shared-got-private",
     .check_id = "mounts",
     .expect = Expect::kCheckFails,
     .told = "propagation: expected shared",
     .configure = [](json& c) { AddMount(c, "/mnt/p", "tmpfs", "tmpfs", {"private"}); },
     .tell = [](json& c) { MountAt(c, "/mnt/p")["options"] = {"shared"}; }},

    // mounts.recursive
    {.name = "mounts.recursive/rro",
     .check_id = "mounts.recursive",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           CountShould(c);
           BindCgroupTree(c, {"rro"});
         },
     .requires_feature = "mountOptions=rro"},
    {.name = "mounts.recursive/rnosuid-rnodev-rnoexec",
     .check_id = "mounts.recursive",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           CountShould(c);
           BindCgroupTree(c, {"rnosuid", "rnodev", "rnoexec"});
         },
     .requires_feature = "mountOptions=rnosuid"},
    {.name = "mounts.recursive/rnoatime",
     .check_id = "mounts.recursive",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           CountShould(c);
           BindCgroupTree(c, {"rnoatime"});
         },
     .requires_feature = "mountOptions=rnoatime"},
    {.name = "mounts.recursive/rnosymfollow",
     .check_id = "mounts.recursive",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           CountShould(c);
           BindCgroupTree(c, {"rnosymfollow"});
         },
     .requires_feature = "mountOptions=rnosymfollow"},
    {.name = "mounts.recursive/told-rro-got-rbind",
     .check_id = "mounts.recursive",
     .expect = Expect::kCheckFails,
     .told = "expected ro on /mnt/cg",
     .configure =
         [](json& c) {
           CountShould(c);
           BindCgroupTree(c, {});
         },
     .tell = [](json& c) { MountAt(c, "/mnt/cg")["options"].push_back("rro"); }},

    // mounts.idmap
    {.name = "mounts.idmap/bind",
     .check_id = "mounts.idmap",
     .expect = Expect::kPass,
     .configure = IdmappedUsr,
     .unsupported = NoIdmappedMounts,
     .requires_feature = "linux.mountExtensions.idmap.enabled"},
    {.name = "mounts.idmap/told-mapped-got-plain",
     .check_id = "mounts.idmap",
     .expect = Expect::kCheckFails,
     .told = "hostID 1000-1000",
     .configure = [](json& c) { AddMount(c, "/mnt/id", "bind", "/usr", {"rbind"}); },
     .tell = IdmappedUsr,
     .unsupported = NoIdmappedMounts},

    // linux.defaultFilesystems (SHOULD)
    {.name = "linux.defaultFilesystems/default",
     .check_id = "linux.defaultFilesystems",
     .expect = Expect::kPass,
     .configure = CountShould},
    {.name = "linux.defaultFilesystems/no-shm",
     .check_id = "linux.defaultFilesystems",
     .expect = Expect::kCheckFails,
     .told = "/dev/shm: expected tmpfs",
     .configure =
         [](json& c) {
           CountShould(c);
           RemoveMount(c, "/dev/shm");
         }},

    // linux.rootfsPropagation
    {.name = "linux.rootfsPropagation/shared",
     .check_id = "linux.rootfsPropagation",
     .expect = Expect::kPass,
     .configure = [](json& c) { RootPropagation(c, "shared"); }},
    {.name = "linux.rootfsPropagation/slave",
     .check_id = "linux.rootfsPropagation",
     .expect = Expect::kPass,
     .configure = [](json& c) { RootPropagation(c, "slave"); }},
    {.name = "linux.rootfsPropagation/private",
     .check_id = "linux.rootfsPropagation",
     .expect = Expect::kPass,
     .configure = [](json& c) { RootPropagation(c, "private"); }},
    {.name = "linux.rootfsPropagation/unbindable",
     .check_id = "linux.rootfsPropagation",
     .expect = Expect::kPass,
     .configure = [](json& c) { RootPropagation(c, "unbindable"); }},
    {.name = "linux.rootfsPropagation/told-shared-got-private",
     .check_id = "linux.rootfsPropagation",
     .expect = Expect::kCheckFails,
     .told = "expected shared",
     .configure = [](json& c) { RootPropagation(c, "private"); },
     .tell = [](json& c) { RootPropagation(c, "shared"); }},
    {.name = "linux.rootfsPropagation/told-unbindable-got-slave",
     .check_id = "linux.rootfsPropagation",
     .expect = Expect::kCheckFails,
     .told = "expected unbindable",
     .configure = [](json& c) { RootPropagation(c, "slave"); },
     .tell = [](json& c) { RootPropagation(c, "unbindable"); }},

    // root.path
    {.name = "root.path/default", .check_id = "root.path", .expect = Expect::kPass},
    {.name = "root.path/told-other",
     .check_id = "root.path",
     .expect = Expect::kCheckFails,
     .told = "\"otherfs\"",
     .tell = [](json& c) { c["root"]["path"] = "otherfs"; }},
    // `run --no-pivot` (MS_MOVE and chroot instead of pivot_root): the container must still see
    // only its own root, and every other check of the default config must hold as well.
    {.name = "root.path/no-pivot",
     .check_id = "root.path",
     .expect = Expect::kPass,
     .launch_flag = "--no-pivot"},
    {.name = "root.path/no-pivot-told-other",
     .check_id = "root.path",
     .expect = Expect::kCheckFails,
     .told = "\"otherfs\"",
     .tell = [](json& c) { c["root"]["path"] = "otherfs"; },
     .launch_flag = "--no-pivot"},

    // linux.mountLabel
    {.name = "linux.mountLabel/set",
     .check_id = "linux.mountLabel",
     .expect = Expect::kPass,
     .configure =
         [](json& c) { c["linux"]["mountLabel"] = "system_u:object_r:container_file_t:s0:c1,c2"; },
     .unsupported = NoSelinux},
    {.name = "linux.mountLabel/told-other",
     .check_id = "linux.mountLabel",
     .expect = Expect::kCheckFails,
     .told = "c3,c4",
     .configure =
         [](json& c) { c["linux"]["mountLabel"] = "system_u:object_r:container_file_t:s0:c1,c2"; },
     .tell =
         [](json& c) { c["linux"]["mountLabel"] = "system_u:object_r:container_file_t:s0:c3,c4"; },
     .unsupported = NoSelinux},
};

}  // namespace

std::span<const Scenario> MountScenarios() { return kScenarios; }

}  // namespace rt::suite

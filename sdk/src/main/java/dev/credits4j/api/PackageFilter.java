package dev.credits4j.api;

/** Which of a workspace's packages {@link PackageCatalog#list} returns. */
public enum PackageFilter {
  ALL,
  ACTIVE,
  INACTIVE
}

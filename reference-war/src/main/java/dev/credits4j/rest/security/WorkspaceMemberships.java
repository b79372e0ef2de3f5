package dev.credits4j.rest.security;

import java.util.List;
import java.util.Optional;

/**
 * Who is a member of which workspace, and as what: the tenancy of the API. A staff principal (admin
 * or team) acts only in the workspaces it is a member of; a client principal only for the one
 * organization it is bound to in a workspace. What is not configured is denied: a principal without
 * a membership in a workspace gets the same 404 as for a workspace that does not exist.
 *
 * <p>The default ({@link JdbcWorkspaceMemberships}) keeps the memberships in the API's table {@code
 * credits_api_member}, managed by each workspace's admins through {@code /members}. A host replaces
 * it with an {@code @Alternative @Priority(...)} bean that asks its own user directory; a read-only
 * directory throws {@link UnsupportedOperationException} from {@link #save} and {@link #remove}
 * (the API answers 405).
 */
public interface WorkspaceMemberships {

  /** The membership of {@code principal} in {@code workspace}; empty when it has none. */
  Optional<Membership> find(String workspace, String principal);

  /** The members of {@code workspace}, by principal name. */
  List<Membership> list(String workspace);

  /**
   * The workspaces {@code principal} is a member of, by workspace (the portal's sign-in lists
   * them). A directory that cannot list them returns an empty list: the principal then signs in to
   * the portal without a workspace to choose.
   */
  default List<Membership> ofPrincipal(String principal) {
    return List.of();
  }

  /**
   * Adds a member or replaces its role. Demoting the workspace's last admin is refused ({@link
   * dev.credits4j.rest.problem.ApiError#LAST_ADMIN}).
   *
   * @return whether the principal was not a member before
   */
  boolean save(Membership membership);

  /**
   * Removes a member; removing the workspace's last admin is refused ({@link
   * dev.credits4j.rest.problem.ApiError#LAST_ADMIN}).
   *
   * @return whether it was a member
   */
  boolean remove(String workspace, String principal);
}

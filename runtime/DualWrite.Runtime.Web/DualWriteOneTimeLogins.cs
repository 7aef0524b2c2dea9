using System;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace DualWrite.Runtime.Web;

/// <summary>
/// Logins that work once: the host issues a random code (printed at start, say), and whoever enters it on the page's
/// login form is signed in through the host's default sign-in scheme (a cookie) as that user. For a sample or a first
/// start before the host's real sign-in is configured; each code is removed when used.
/// </summary>
public sealed class DualWriteOneTimeLogins
{
    private readonly ConcurrentDictionary<string, (string User, bool CanAct)> _codes = new(StringComparer.Ordinal);

    /// <summary>Issues a code that signs in <paramref name="user"/> once; with <paramref name="canAct"/> the user gets <see cref="DualWritePageOptions.OperatorRole"/>.</summary>
    /// <returns>The code: 128 random bits, URL-safe.</returns>
    public string Issue(string user, bool canAct)
    {
        var code = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _codes[code] = (user, canAct);
        return code;
    }

    /// <summary>Signs the request in with the code and spends it; false when the code is unknown or spent.</summary>
    internal async Task<bool> SignInAsync(HttpContext http, string code)
    {
        if (!_codes.TryRemove(code, out var login))
        {
            return false;
        }

        var identity = new ClaimsIdentity("DualWriteOneTimeLogin", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, login.User));
        if (login.CanAct)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, DualWritePageOptions.OperatorRole));
        }

        await http.SignInAsync(new ClaimsPrincipal(identity)).ConfigureAwait(false);
        return true;
    }
}

using System;
using Contoso.Integration;
using DualWrite.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

// The content root is the output folder: appsettings.json and schemas/ are copied there, and the relative paths of
// appsettings.json (data/…) resolve there, wherever the host is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

var settings = new HostSettings();
builder.Configuration.GetSection("DualWrite").Bind(settings);
builder.Services.AddDualWrite(options => settings.Configure(options, builder.Environment.ContentRootPath));

// Checked every 30 seconds; HealthReportLog writes each change of status to the log.
builder.Services.AddHealthChecks().AddCheck<DualWriteHealthCheck>("dualwrite");
builder.Services.AddSingleton<IHealthCheckPublisher, HealthReportLog>();

builder.Build().Run();
